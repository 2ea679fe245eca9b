// Open311 GeoReport v2 in process, on both engines: keys, a posted request becoming an
// ordinary appeal, error shapes. The full conformance suite runs against the real
// binary (tests/process/open311_conformance_test.cpp).
#include "silian/modules/appeals/storage/appeal_store.hpp"
#include "silian/platform/core/demo.hpp"
#include "support/demo_fixture.hpp"

using namespace silian;
using silian::test::Client;
using silian::test::TestPlatform;

namespace {
class Open311 : public test::OnTheDemo {
 protected:
  void SetUp() override {
    OnTheDemo::SetUp();
    auto lease = p().db->lease();
    key = appeals::create_api_key(lease, "test", 0, tp->clock.now(), &key_id);
  }
  std::string key;
  std::int64_t key_id = 0;
  http::Response post(const std::string& file, std::vector<std::pair<std::string, std::string>> f) {
    Client c(p());
    return c.post("/open311/v2/" + file, f, false);
  }
};

TEST_P(Open311, APostedRequestBecomesAnOrdinaryAppeal) {
  auto r = post("requests.json", {{"api_key", key},
                                  {"service_code", "garbage"},
                                  {"attribute[community]", "guangyi-jiayuan"},
                                  {"description", "路口垃圾堆积"},
                                  {"lat", "31.58"},
                                  {"long", "120.30"},
                                  {"email", "a@example.com"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  auto no = r.body.substr(r.body.find("SL"), 15);
  auto lease = p().db->lease();
  auto a = appeals::find_by_public_no(lease, no);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->channel, "open311");
  EXPECT_EQ(a->api_key_id, key_id);
  EXPECT_EQ(a->status, "awaiting_dispatch");
  EXPECT_EQ(a->category_code, "garbage");
  EXPECT_NEAR(*a->lat, 31.58, 1e-9);
  Client c(p());
  auto one = c.get("/open311/v2/requests/" + no + ".xml");
  EXPECT_EQ(one.status, 200);
  EXPECT_NE(one.body.find("<service_request_id>" + no + "</service_request_id>"),
            std::string::npos);
  EXPECT_NE(one.body.find("<status>open</status>"), std::string::npos);
  EXPECT_NE(one.body.find("+08:00</requested_datetime>"), std::string::npos);
  EXPECT_EQ(one.body.find("a@example.com"), std::string::npos);
  auto token = c.get("/open311/v2/tokens/" + a->token + ".json");
  EXPECT_NE(token.body.find(no), std::string::npos);
}

TEST_P(Open311, ErrorsHaveTheSpecifiedShapeAndChangeNothing) {
  auto before = count("SELECT COUNT(*) FROM appeals");
  auto r = post("requests.xml", {{"api_key", "wrong"}, {"service_code", "garbage"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("<errors><error><code>403</code><description>"), std::string::npos);
  r = post("requests.json", {{"api_key", key}, {"service_code", "garbage"}, {"description", "x"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(r.body.starts_with("[{\"code\":400,\"description\":")) << r.body;
  r = post("requests.json", {{"api_key", key},
                             {"service_code", "nope"},
                             {"description", "x"},
                             {"address_id", "guangyi-jiayuan"}});
  EXPECT_EQ(r.status, 400);
  r = post("requests.json", {{"api_key", key},
                             {"service_code", "garbage"},
                             {"description", "x"},
                             {"address_id", "guangyi"}});
  EXPECT_EQ(r.status, 400);  // a street is not a place for an appeal
  r = post("requests.json", {{"api_key", key},
                             {"service_code", "garbage"},
                             {"description", "x"},
                             {"address_id", "guangyi-jiayuan"},
                             {"lat", "north"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(count("SELECT COUNT(*) FROM appeals"), before);
  Client c(p());
  EXPECT_EQ(c.get("/open311/v2/requests.json?start_date=yesterday").status, 400);
  EXPECT_EQ(c.get("/open311/v2/requests/SL000000-000000.json").status, 404);
  EXPECT_EQ(c.get("/open311/v2/services/nope.xml").status, 404);
  EXPECT_EQ(c.get("/open311/v2/services.txt").status, 404);
}

TEST_P(Open311, ARevokedKeyIsRefusedAndAGridCodeIsAPlace) {
  auto r = post("requests.json", {{"api_key", key},
                                  {"service_code", "noise"},
                                  {"description", "夜间噪音"},
                                  {"address_id", "guangyi-jiayuan-g2"}});
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(count("SELECT COUNT(*) FROM appeals a JOIN org_units g ON g.id = a.grid_id WHERE "
                  "g.code = 'guangyi-jiayuan-g2'"),
            1);
  Client admin(p());
  ASSERT_TRUE(admin.login("district_admin", "Silian-demo-2026"));
  EXPECT_EQ(admin.post("/admin/appeals/apikeys/" + std::to_string(key_id) + "/revoke", {}).status,
            303);
  r = post("requests.json", {{"api_key", key},
                             {"service_code", "noise"},
                             {"description", "x"},
                             {"address_id", "guangyi-jiayuan"}});
  EXPECT_EQ(r.status, 403);
  // Administrators issue keys in the UI; the key is shown once and only its hash is kept.
  auto keys = count("SELECT COUNT(*) FROM api_keys");
  EXPECT_EQ(admin.post("/admin/appeals/apikeys", {{"name", ""}}).status, 422);
  EXPECT_EQ(admin.post("/admin/appeals/apikeys/999999/revoke", {}).status, 404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM api_keys"), keys);
  auto created = admin.post("/admin/appeals/apikeys", {{"name", "12345 热线"}});
  EXPECT_EQ(created.status, 201);
  auto pos = created.body.find("sk_");
  ASSERT_NE(pos, std::string::npos);
  auto fresh = created.body.substr(pos, created.body.find('<', pos) - pos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM api_keys WHERE key_hash = '" + fresh + "'"), 0);
  r = post("requests.json", {{"api_key", fresh},
                             {"service_code", "noise"},
                             {"description", "x"},
                             {"address_id", "guangyi-jiayuan"}});
  EXPECT_EQ(r.status, 201);
}

TEST_P(Open311, ListsFilterByDateStatusAndCode) {
  Client c(p());
  auto all = c.get("/open311/v2/requests.json");
  EXPECT_EQ(all.status, 200);
  EXPECT_NE(all.body.find("SL"), std::string::npos);  // the demo's appeals
  auto closed = c.get("/open311/v2/requests.json?status=closed");
  EXPECT_EQ(closed.body.find("\"status\":\"open\""), std::string::npos);
  auto future = c.get("/open311/v2/requests.json?start_date=2030-01-01T00:00:00Z");
  EXPECT_EQ(future.body, "[]");
  auto by_code = c.get("/open311/v2/requests.json?service_code=noise");
  EXPECT_EQ(by_code.body.find("\"service_code\":\"garbage\""), std::string::npos);
  EXPECT_NE(by_code.body.find("\"service_code\":\"noise\""), std::string::npos);
}
}  // namespace

SILIAN_ON_BOTH_ENGINES(Open311);
