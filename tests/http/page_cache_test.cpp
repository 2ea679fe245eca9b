// The shared page cache (ADR 0012) on the appeal workbench, on both engines: viewers with
// the same roles share one rendering with their own token and name; every write, ours or
// another connection's, shows at once; roles, the clock and notices are honoured; the
// handler's view of a contact is never kept. On PostgreSQL nothing is cached.
#include <algorithm>

#include "silian/modules/appeals/storage/appeal_store.hpp"
#include "silian/platform/http/context.hpp"
#include "support/demo_fixture.hpp"

using namespace silian;
using silian::test::Client;

namespace {
class PageCache : public test::OnTheDemo {
 protected:
  bool caches() const { return GetParam() == db::Engine::sqlite; }
  std::uint64_t hits() { return p().page_cache.hits(); }
  // A community matter filed by the demo resident: the community is its handler.
  long long submit(const std::string& text) {
    auto r = as("resident")
                 ->post_multipart("/appeals",
                                  {{"category", id_of("appeal_categories", "neighbour-dispute")},
                                   {"description", text},
                                   {"community", unit("guangyi-jiayuan")},
                                   {"address", "广益路1号"},
                                   {"contact_name", "钱阿姨"},
                                   {"contact_phone", "13800001111"}},
                                  {});
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 400);
    return std::stoll(r.header("Location").substr(12));
  }
  // Signed in, with the one-time "signed in" notice already shown (a page with a notice
  // is never shared).
  std::unique_ptr<Client> viewer(const std::string& user,
                                 const std::string& password = test::k_demo_password) {
    auto c = as(user, password);
    EXPECT_EQ(c->get("/").status, 200);
    return c;
  }
  std::string district_code() {
    auto lease = p().db->lease();
    std::string code;
    *lease << "SELECT code FROM org_units WHERE kind = 'district'", soci::into(code);
    return code;
  }
  static std::string replaced(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
    return text;
  }
};

TEST_P(PageCache, ViewersWithTheSameRolesShareOnePageWithTheirOwnTokenAndName) {
  auto id = submit("楼道里的自行车堆满了");
  test::add_account(p(), "admin_two", "district_admin", district_code());
  auto first = viewer("district_admin");
  auto second = viewer("admin_two", "password-123");
  auto path = "/appeals/" + std::to_string(id);
  for (const auto& target : {path, std::string("/appeals?status=open")}) {
    auto before = hits();
    auto mine = first->get(target);
    auto theirs = second->get(target);
    ASSERT_EQ(mine.status, 200);
    ASSERT_EQ(theirs.status, 200);
    EXPECT_EQ(hits(), before + (caches() ? 1 : 0)) << target;
    // Each page carries its own viewer's CSRF token and name, and no marker.
    EXPECT_NE(theirs.body.find(second->cookie("csrf")), std::string::npos);
    EXPECT_EQ(theirs.body.find(first->cookie("csrf")), std::string::npos);
    EXPECT_NE(theirs.body.find("class=\"who\">admin_two<"), std::string::npos);
    EXPECT_EQ(theirs.body.find("区治理办管理员"), std::string::npos);
    EXPECT_EQ(theirs.body.find(p().page_cache.csrf_marker()), std::string::npos);
    EXPECT_EQ(theirs.body.find(p().page_cache.name_marker()), std::string::npos);
    // Apart from those, the very same page.
    auto as_mine = replaced(replaced(theirs.body, second->cookie("csrf"), first->cookie("csrf")),
                            "class=\"who\">admin_two<", "class=\"who\">区治理办管理员<");
    EXPECT_EQ(as_mine, mine.body) << target;
  }
  // A form of the shared page still passes the CSRF check for its own viewer.
  auto r = second->post(path + "/note", {{"body", "已联系物业"}});
  EXPECT_EQ(r.status, 303) << r.body.substr(0, 300);
}

TEST_P(PageCache, EveryCommittedWriteShowsAtOnce) {
  auto id = submit("小区东门路灯不亮");
  auto path = "/appeals/" + std::to_string(id);
  auto admin = viewer("district_admin");
  ASSERT_EQ(admin->get(path).status, 200);
  auto before = hits();
  EXPECT_EQ(admin->get(path).status, 200);
  EXPECT_EQ(hits(), before + (caches() ? 1 : 0));
  // A step through the web: the status changes on the next view.
  EXPECT_EQ(as("community_worker")->post(path + "/respond", {}).status, 303);
  auto page = admin->get(path);
  EXPECT_NE(page.body.find("办理中"), std::string::npos);  // appeal_status_in_progress
  EXPECT_NE(admin->get("/appeals?status=in_progress").body.find(std::to_string(id)),
            std::string::npos);
  // A write by another connection (another process, a command-line tool) shows too.
  ASSERT_EQ(admin->get(path).status, 200);
  {
    db::Database other(p().db->url(), 1);
    auto lease = other.lease();
    std::string text = "小区东门和北门的路灯都不亮";
    long long appeal = id;
    *lease << "UPDATE appeals SET description = :d WHERE id = :i", soci::use(text),
        soci::use(appeal);
  }
  EXPECT_NE(admin->get(path).body.find("小区东门和北门的路灯都不亮"), std::string::npos);
}

TEST_P(PageCache, RolesDecideWhatIsSharedAndTheHandlersContactViewIsNeverKept) {
  auto id = submit("楼上每天深夜拖动家具");
  auto path = "/appeals/" + std::to_string(id);
  // The administrator's rendering is cached first; nobody else is given it.
  auto admin_page = viewer("district_admin")->get(path);
  ASSERT_EQ(admin_page.status, 200);
  EXPECT_EQ(admin_page.body.find("/respond\""), std::string::npos);
  test::add_account(p(), "cw_elsewhere", "community_worker", "jianghai-xincun");
  EXPECT_EQ(viewer("cw_elsewhere", "password-123")->get(path).status, 404);
  // The handler sees its actions and the full contact; each reading is recorded, so its
  // page is rendered every time.
  auto worker = viewer("community_worker");
  auto reads = [&] {
    return count("SELECT COUNT(*) FROM audit_entries WHERE action = 'appeals.contact.read'");
  };
  auto read_before = reads();
  auto hits_before = hits();
  auto handler_page = worker->get(path);
  EXPECT_NE(handler_page.body.find("/respond\""), std::string::npos);
  EXPECT_EQ(worker->get(path).status, 200);
  EXPECT_EQ(reads(), read_before + 2);
  EXPECT_EQ(hits(), hits_before);
}

TEST_P(PageCache, TheClockAndOneTimeNoticesAreHonoured) {
  auto id = submit("单元门禁坏了");  // 24 working hours to respond
  auto due = [&] {
    auto lease = p().db->lease();
    return appeals::find_appeal(lease, id)->response_due;
  }();
  tp->clock.set(due - 1);
  auto officer = viewer("street_officer");
  auto overdue = [&] {
    auto list = officer->get("/appeals?overdue=1");
    EXPECT_EQ(list.status, 200) << list.header("Location");
    return list.body.find("/appeals/" + std::to_string(id) + "\"") != std::string::npos;
  };
  EXPECT_FALSE(overdue());
  auto before = hits();
  EXPECT_FALSE(overdue());
  EXPECT_EQ(hits(), before + (caches() ? 1 : 0));
  // Nothing is written when the deadline passes; a shared page lives within its second.
  tp->clock.set(due + 1);
  EXPECT_TRUE(overdue());
  // A one-time notice is shown, not the cached page without it, with nothing written in
  // between; it is gone on the page after.
  auto path = "/appeals/" + std::to_string(id);
  ASSERT_EQ(officer->get(path).status, 200);
  before = hits();
  ASSERT_EQ(officer->get(path).status, 200);
  EXPECT_EQ(hits(), before + (caches() ? 1 : 0));
  officer->set_cookie("notice", "notice_appeal_noted");
  auto page = officer->get(path);
  EXPECT_NE(page.body.find("class=\"notice\""), std::string::npos);
  EXPECT_EQ(officer->get(path).body.find("class=\"notice\""), std::string::npos);
  // And after a step, the step and its notice.
  ASSERT_EQ(officer->post(path + "/note", {{"body", "已转物业"}}).status, 303);
  page = officer->get(path);
  EXPECT_NE(page.body.find("已转物业"), std::string::npos);
  EXPECT_NE(page.body.find("class=\"notice\""), std::string::npos);
}

TEST_P(PageCache, OnlyAnOrdinaryAnswerTheHandlerLetsShareIsKept) {
  int runs = 0;
  auto route = [&](const std::string& path, auto answer) {
    p().router.get_shared(path, "public", [&runs, answer](http::RequestContext& ctx) {
      ++runs;
      return answer(ctx);
    });
  };
  route("/test/shared", [](http::RequestContext& ctx) {
    return http::Response::text(200, "form token " + ctx.csrf_token, "text/html; charset=utf-8");
  });
  route("/test/private", [](http::RequestContext& ctx) {
    ctx.keep_private();
    return http::Response::text(200, "yours", "text/html; charset=utf-8");
  });
  route("/test/missing",
        [](http::RequestContext& ctx) { return ctx.error(404, "error_not_found"); });
  route("/test/cookie", [](http::RequestContext& ctx) {
    ctx.set_cookies.push_back(http::set_cookie_value("seen", "1", {}));
    return http::Response::text(200, "with a cookie", "text/html; charset=utf-8");
  });
  Client anonymous(p());
  ASSERT_EQ(anonymous.get("/").status, 200);  // has its CSRF cookie from here on
  auto runs_for = [&](const std::string& path) {
    runs = 0;
    auto first = anonymous.get(path);
    auto second = anonymous.get(path);
    EXPECT_EQ(first.body, second.body) << path;
    return runs;
  };
  EXPECT_EQ(runs_for("/test/shared"), caches() ? 1 : 2);
  EXPECT_EQ(anonymous.get("/test/shared").body, "form token " + anonymous.cookie("csrf"));
  EXPECT_EQ(runs_for("/test/private"), 2);
  EXPECT_EQ(runs_for("/test/missing"), 2);
  EXPECT_EQ(runs_for("/test/cookie"), 2);
}

SILIAN_ON_BOTH_ENGINES(PageCache);
}  // namespace
