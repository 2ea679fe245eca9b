#include <gtest/gtest.h>

#include "silian/platform/db/db_url.hpp"

using silian::db::DbUrl;
using silian::db::Engine;

TEST(DbUrl, ParsesBothEnginesAndRefusesOthers) {
  auto lite = DbUrl::parse("sqlite:silian-data/silian.db");
  ASSERT_TRUE(lite);
  EXPECT_EQ(lite->engine, Engine::sqlite);
  EXPECT_EQ(lite->target, "silian-data/silian.db");
  EXPECT_FALSE(DbUrl::parse("sqlite:"));
  EXPECT_FALSE(DbUrl::parse("mysql://x/y"));
  EXPECT_EQ(DbUrl::parse("postgresql://u@h/db")->engine, Engine::postgresql);
}

TEST(DbUrl, NeverDescribesThePassword) {
  auto url = DbUrl::parse("postgresql://silian:s3cret@db.internal:5432/silian");
  EXPECT_EQ(url->describe(), "postgresql://silian@db.internal:5432/silian");
}

TEST(DbUrl, TurnsAUriIntoLibpqKeywords) {
  EXPECT_EQ(DbUrl::parse("postgresql://postgres@127.0.0.1:5544/postgres")->libpq_keywords(),
            "user='postgres' host='127.0.0.1' port='5544' dbname='postgres'");
  EXPECT_EQ(DbUrl::parse("postgresql://a%40b:p%27w@[::1]:6000/d?sslmode=require")->libpq_keywords(),
            "user='a@b' password='p\\'w' host='::1' port='6000' dbname='d' sslmode='require'");
  EXPECT_EQ(DbUrl::parse("postgres://h/db")->libpq_keywords(), "host='h' dbname='db'");
}
