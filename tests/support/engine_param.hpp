#pragma once
// Runs a test suite once on SQLite and once on PostgreSQL.
#include <gtest/gtest.h>

#include "support/test_platform.hpp"

namespace silian::test {
class OnEachEngine : public ::testing::TestWithParam<db::Engine> {};

inline std::string engine_label(const ::testing::TestParamInfo<db::Engine>& info) {
  return engine_name(info.param);
}
}  // namespace silian::test

#define SILIAN_ON_BOTH_ENGINES(suite)                                                \
  INSTANTIATE_TEST_SUITE_P(                                                          \
      Engines, suite,                                                                \
      ::testing::Values(silian::db::Engine::sqlite, silian::db::Engine::postgresql), \
      silian::test::engine_label)
