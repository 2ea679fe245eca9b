#include "silian/platform/audit/audit_log.hpp"
#include "silian/platform/record/public_record.hpp"
#include "support/engine_param.hpp"

using namespace silian;
using silian::test::TestPlatform;

namespace {
class AuditTrail : public test::OnEachEngine {};

void append_n(Platform& p, int n) {
  auto lease = p.db->lease();
  for (int i = 0; i < n; ++i) {
    db::Transaction tx(lease);
    audit::append(lease,
                  {7, "test.change", "thing", std::to_string(i), "detail " + std::to_string(i)},
                  p.clock.now() + i);
    tx.commit();
  }
}
}  // namespace

TEST_P(AuditTrail, ChainVerifiesWhenUntouched) {
  TestPlatform tp(GetParam(), false);
  append_n(*tp, 5);
  auto lease = tp->db->lease();
  auto report = audit::verify(lease);
  EXPECT_TRUE(report.ok) << report.reason;
  EXPECT_EQ(report.entries, 5);
}

TEST_P(AuditTrail, AlteredRowIsTheFirstBrokenLink) {
  TestPlatform tp(GetParam(), false);
  append_n(*tp, 6);
  auto lease = tp->db->lease();
  lease.session() << "UPDATE audit_entries SET detail = 'forged' WHERE seq = 3";
  auto report = audit::verify(lease);
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.broken_seq, 3);
  EXPECT_NE(report.reason.find("altered"), std::string::npos);
}

TEST_P(AuditTrail, RemovedRowIsDetected) {
  TestPlatform tp(GetParam(), false);
  append_n(*tp, 6);
  auto lease = tp->db->lease();
  lease.session() << "DELETE FROM audit_entries WHERE seq = 4";
  auto report = audit::verify(lease);
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.broken_seq, 4);
  EXPECT_NE(report.reason.find("missing"), std::string::npos);
}

TEST_P(AuditTrail, RemovedNewestRowIsDetected) {
  TestPlatform tp(GetParam(), false);
  append_n(*tp, 4);
  auto lease = tp->db->lease();
  lease.session() << "DELETE FROM audit_entries WHERE seq = 4";
  auto report = audit::verify(lease);
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.broken_seq, 4);
}

TEST_P(AuditTrail, RolledBackChangeLeavesNoEntry) {
  TestPlatform tp(GetParam(), false);
  {
    auto lease = tp->db->lease();
    db::Transaction tx(lease);
    audit::append(lease, {1, "test.change", "thing", "1", ""}, tp->clock.now());
    // no commit: the change and its entry vanish together
  }
  append_n(*tp, 1);
  auto lease = tp->db->lease();
  auto report = audit::verify(lease);
  EXPECT_TRUE(report.ok) << report.reason;
  EXPECT_EQ(report.entries, 1);
}

TEST_P(AuditTrail, ConcurrentAppendersKeepOneChain) {
  TestPlatform tp(GetParam(), false);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back([&] { append_n(*tp, 10); });
  for (auto& t : threads) t.join();
  auto lease = tp->db->lease();
  auto report = audit::verify(lease);
  EXPECT_TRUE(report.ok) << report.reason;
  EXPECT_EQ(report.entries, 40);
}

SILIAN_ON_BOTH_ENGINES(AuditTrail);

// The public record: a chain anyone can recompute, which names an altered or removed
// entry.
class PublicRecord : public test::OnEachEngine {};

TEST_P(PublicRecord, TheChainVerifiesAndNamesTampering) {
  TestPlatform tp(GetParam(), false);
  {
    auto lease = tp->db->lease();
    for (int i = 1; i <= 3; ++i) {
      db::Transaction tx(lease);
      record::publish(lease, "deliberation.decision", "topic:" + std::to_string(i), "议题",
                      "决议 " + std::to_string(i), tp->clock.now() + i);
      tx.commit();
    }
    auto ok = record::verify(lease);
    EXPECT_TRUE(ok.ok) << ok.reason;
    EXPECT_EQ(ok.entries, 3);
    // Each hash is BLAKE2b over the public fields, chained.
    auto all = record::all_entries(lease);
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].prev_hash, "");
    EXPECT_EQ(all[1].prev_hash, all[0].hash);
    EXPECT_EQ(record::entry_hash(all[2]), all[2].hash);
    lease.session() << "UPDATE public_record SET body = '决议 二' WHERE seq = 2";
    auto broken = record::verify(lease);
    EXPECT_FALSE(broken.ok);
    EXPECT_EQ(broken.broken_seq, 2);
    lease.session() << "UPDATE public_record SET body = '决议 2' WHERE seq = 2";
    EXPECT_TRUE(record::verify(lease).ok);
    // A row slipped in past the head, as if published, is noticed too.
    lease.session() << "INSERT INTO public_record (seq, at, kind, ref, title, body, prev_hash, "
                       "hash) SELECT 4, at, kind, ref, title, 'forged', hash, hash FROM "
                       "public_record WHERE seq = 3";
    auto forged = record::verify(lease);
    EXPECT_FALSE(forged.ok);
    EXPECT_EQ(forged.broken_seq, 4);
    lease.session() << "DELETE FROM public_record WHERE seq >= 3";
    EXPECT_FALSE(record::verify(lease).ok);
  }
}

SILIAN_ON_BOTH_ENGINES(PublicRecord);

// Fields are length-prefixed in the hash: moving text across a field boundary changes it.
TEST(PublicRecordHash, NoTextCanMoveAFieldBoundary) {
  record::Entry a{1, 100, "deliberation.decision", "topic:1", std::string("X\x1fY"), "b", "", ""};
  record::Entry b{1, 100, "deliberation.decision", std::string("topic:1\x1fX"), "Y", "b", "", ""};
  EXPECT_NE(record::entry_hash(a), record::entry_hash(b));
  record::Entry c = a;
  EXPECT_EQ(record::entry_hash(a), record::entry_hash(c));
}
