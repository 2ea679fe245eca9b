// Platform pieces the appeals module relies on: full-text terms for Chinese, multipart
// forms, upload type sniffing, and the Open311 JSON/XML writer.
#include <gtest/gtest.h>

#include "silian/modules/appeals/http/open311_format.hpp"
#include "silian/platform/http/multipart.hpp"
#include "silian/platform/search/terms.hpp"
#include "silian/platform/uploads/uploads.hpp"
#include "silian/platform/views/markdown.hpp"

using namespace silian;
using namespace std::string_literals;

TEST(SearchTerms, HanTextBecomesBigramsInSimplifiedScript) {
  auto t = search::document_terms("噪音扰民");
  EXPECT_EQ(t, (std::vector<std::string>{"噪音", "音扰", "扰民"}));
  // Traditional text gives the same terms as Simplified.
  EXPECT_EQ(search::document_terms("停車位"), search::document_terms("停车位"));
  auto q = search::parse_query("停車");
  EXPECT_EQ(q.terms, (std::vector<std::string>{"停车"}));
}

TEST(SearchTerms, LatinWordsAndDigitsAreLowerCaseWords) {
  auto t = search::document_terms("3号楼 Wi-Fi 坏了");
  EXPECT_EQ(t, (std::vector<std::string>{"3", "号楼", "wi", "fi", "坏了"}));
}

TEST(SearchTerms, LatinQueryWordsArePrefixes) {
  auto q = search::parse_query("WiFi 停车");
  EXPECT_EQ(q.terms, (std::vector<std::string>{"停车"}));
  EXPECT_EQ(q.prefixes, (std::vector<std::string>{"wifi"}));
}

TEST(SearchTerms, ALoneHanCharacterIsAPrefix) {
  auto q = search::parse_query("噪");
  EXPECT_TRUE(q.terms.empty());
  EXPECT_EQ(q.prefixes, (std::vector<std::string>{"噪"}));
  EXPECT_TRUE(search::parse_query("  ，。!").empty());
}

TEST(SearchTerms, SimilarityIsJaccardOfTerms) {
  auto a = search::document_terms("小区门口烧烤摊油烟扰民");
  auto b = search::document_terms("小区门口烧烤摊油烟很大");
  auto c = search::document_terms("电梯故障停运");
  EXPECT_GT(search::similarity(a, b), 0.5);
  EXPECT_DOUBLE_EQ(search::similarity(a, a), 1.0);
  EXPECT_DOUBLE_EQ(search::similarity(a, c), 0.0);
  EXPECT_DOUBLE_EQ(search::similarity({}, a), 0.0);
}

TEST(Multipart, ReadsFieldsAndFiles) {
  std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n噪音\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.png\"\r\n"
      "Content-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\nDATA\r\n--XyZ--\r\n";
  EXPECT_EQ(http::multipart_boundary("multipart/form-data; boundary=XyZ"), "XyZ");
  EXPECT_EQ(http::multipart_boundary("multipart/form-data; boundary=\"XyZ\""), "XyZ");
  EXPECT_EQ(http::multipart_boundary("application/x-www-form-urlencoded"), "");
  auto parts = http::parse_multipart(body, "XyZ");
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "description");
  EXPECT_EQ((*parts)[0].data, "噪音");
  EXPECT_EQ((*parts)[1].filename, "a.png");
  EXPECT_EQ((*parts)[1].data, "\x89PNG\r\n\x1a\nDATA");
}

TEST(Multipart, MalformedBodiesAreRefused) {
  EXPECT_FALSE(http::parse_multipart("no boundary here", "XyZ"));
  EXPECT_FALSE(
      http::parse_multipart("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx", "XyZ"));
  EXPECT_FALSE(http::parse_multipart("--XyZ\r\n\r\nx\r\n--XyZ--", "XyZ"));  // no name
}

TEST(Uploads, TypeComesFromTheBytes) {
  EXPECT_EQ(uploads::sniff_type("\xFF\xD8\xFF\xE0rest"s), "image/jpeg");
  EXPECT_EQ(uploads::sniff_type("\x89PNG\r\n\x1A\nrest"s), "image/png");
  EXPECT_EQ(uploads::sniff_type("GIF89a..."), "image/gif");
  EXPECT_EQ(uploads::sniff_type("RIFF\x10\0\0\0WEBPVP8 "s), "image/webp");
  EXPECT_EQ(uploads::sniff_type("%PDF-1.7"), "application/pdf");
  EXPECT_FALSE(uploads::sniff_type("<svg xmlns=...>"));
  EXPECT_FALSE(uploads::sniff_type("MZ\x90\0"s));
  EXPECT_EQ(uploads::check("%PDF-1.7", true), uploads::Refusal::bad_type);
  EXPECT_EQ(uploads::check("%PDF-1.7", false), uploads::Refusal::none);
  EXPECT_EQ(uploads::check("", false), uploads::Refusal::empty);
  std::string big = "\x89PNG\r\n\x1A\n"s + std::string(uploads::k_max_bytes, 'x');
  EXPECT_EQ(uploads::check(big, true), uploads::Refusal::too_large);
}

TEST(Open311Format, JsonAndXmlSayTheSameThing) {
  using appeals::open311::Node;
  auto list = Node::array("request");
  list.push(Node::object()
                .add("service_request_id", Node::str("SL1"))
                .add("description", Node::str("a<b & \"c\"\n"))
                .add("status_notes", Node::null())
                .add("lat", Node::num(31.5))
                .add("metadata", Node::boolean(true)));
  EXPECT_EQ(appeals::open311::to_json(list),
            "[{\"service_request_id\":\"SL1\",\"description\":\"a<b & \\\"c\\\"\\n\","
            "\"status_notes\":null,\"lat\":31.500000,\"metadata\":true}]");
  auto xml = appeals::open311::to_xml(list, "service_requests");
  EXPECT_TRUE(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
  EXPECT_NE(xml.find("<service_requests><request><service_request_id>SL1</service_request_id>"
                     "<description>a&lt;b &amp; &quot;c&quot;\n</description><status_notes/>"),
            std::string::npos);
}

// Markdown from residents' documents renders, and never passes script or raw HTML through.
TEST(Markdown, RendersCommonMarkSafely) {
  auto html = silian::views::markdown_to_html("# 议事规则\n\n1. 先议后决\n2. **公开**\n");
  EXPECT_NE(html.find("<h1>议事规则</h1>"), std::string::npos);
  EXPECT_NE(html.find("<ol>"), std::string::npos);
  EXPECT_NE(html.find("<strong>公开</strong>"), std::string::npos);
  auto hostile = silian::views::markdown_to_html(
      "<script>alert(1)</script>\n\n[点我](javascript:alert(1)) <img src=x onerror=alert(1)>");
  EXPECT_EQ(hostile.find("<script"), std::string::npos);
  EXPECT_EQ(hostile.find("javascript:"), std::string::npos);
  EXPECT_EQ(hostile.find("<img"), std::string::npos);
}
