// The service without a socket: the admission gate, token comparison, address parsing,
// the metrics exposition, and routing and access through Service::Handle.

#include "serve/service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "serve/admission.h"
#include "serve/metrics.h"
#include "serve/server.h"

namespace ehcp::serve {
namespace {

using namespace std::chrono_literals;

TEST(AdmissionGate, AdmitsWorkersQueuesThenRefuses) {
  AdmissionGate gate(1, 1);
  ASSERT_EQ(gate.Enter(0ms), AdmissionGate::Result::kAdmitted);
  EXPECT_EQ(gate.Running(), 1u);
  // The one queue place: a waiter that gets the worker once it is left.
  std::atomic<bool> waiter_admitted{false};
  std::thread waiter([&] {
    waiter_admitted = gate.Enter(60s) == AdmissionGate::Result::kAdmitted;
    if (waiter_admitted) gate.Leave();
  });
  while (gate.Waiting() == 0) std::this_thread::yield();
  EXPECT_EQ(gate.Enter(60s), AdmissionGate::Result::kQueueFull);
  gate.Leave();
  waiter.join();
  EXPECT_TRUE(waiter_admitted);
  EXPECT_EQ(gate.Running(), 0u);
}

TEST(AdmissionGate, WaitingTooLongTimesOut) {
  AdmissionGate gate(1, 4);
  ASSERT_EQ(gate.Enter(0ms), AdmissionGate::Result::kAdmitted);
  EXPECT_EQ(gate.Enter(1ms), AdmissionGate::Result::kTimedOut);
  EXPECT_EQ(gate.Waiting(), 0u);
  gate.Leave();
  EXPECT_EQ(gate.Enter(0ms), AdmissionGate::Result::kAdmitted);
  gate.Leave();
}

TEST(AdmissionGate, NoQueueMeansBusyIsRefusedAtOnce) {
  AdmissionGate gate(2, 0);
  ASSERT_EQ(gate.Enter(0ms), AdmissionGate::Result::kAdmitted);
  ASSERT_EQ(gate.Enter(0ms), AdmissionGate::Result::kAdmitted);
  EXPECT_EQ(gate.Enter(60s), AdmissionGate::Result::kQueueFull);
  gate.Leave();
  gate.Leave();
}

TEST(Token, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("secret-token-123", "secret-token-123"));
  EXPECT_FALSE(ConstantTimeEquals("secret-token-124", "secret-token-123"));
  EXPECT_FALSE(ConstantTimeEquals("secret-token-12", "secret-token-123"));
  EXPECT_FALSE(ConstantTimeEquals("secret-token-1234", "secret-token-123"));
  EXPECT_FALSE(ConstantTimeEquals("", "secret-token-123"));
  // A prefix of the secret padded with NULs is not the secret.
  EXPECT_FALSE(ConstantTimeEquals(std::string("secret-token-12\0", 16), "secret-token-123"));
}

TEST(Listen, ParsesAddressesAndKnowsLoopback) {
  std::string host;
  int port = 0;
  ASSERT_TRUE(ParseListen("127.0.0.1:8080", host, port));
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 8080);
  ASSERT_TRUE(ParseListen("[::1]:0", host, port));
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 0);
  EXPECT_FALSE(ParseListen("::1:80", host, port));
  EXPECT_FALSE(ParseListen("localhost", host, port));
  EXPECT_FALSE(ParseListen("host:99999", host, port));
  EXPECT_FALSE(ParseListen("host:-1", host, port));
  EXPECT_TRUE(IsLoopback("127.0.0.1"));
  EXPECT_TRUE(IsLoopback("127.1.2.3"));
  EXPECT_TRUE(IsLoopback("::1"));
  EXPECT_TRUE(IsLoopback("localhost"));
  EXPECT_FALSE(IsLoopback("0.0.0.0"));
  EXPECT_FALSE(IsLoopback("::"));
  EXPECT_FALSE(IsLoopback("10.0.0.1"));
}

TEST(Metrics, PrometheusTextFormat) {
  Metrics metrics;
  metrics.Record("/v1/lint", 200, 0.002);
  metrics.Record("/v1/lint", 200, 0.02);
  metrics.Record("/v1/lint/child-name", 404, 0.0001);  // never a label of its own
  metrics.Reject("queue_full");
  std::string text = metrics.Exposition(1, 0);
  EXPECT_NE(text.find("ehcp_requests_total{endpoint=\"/v1/lint\",status=\"200\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("ehcp_requests_total{endpoint=\"other\",status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_EQ(text.find("child-name"), std::string::npos);
  EXPECT_NE(
      text.find("ehcp_request_duration_seconds_bucket{endpoint=\"/v1/lint\",le=\"0.0025\"} 1\n"),
      std::string::npos);
  EXPECT_NE(
      text.find("ehcp_request_duration_seconds_bucket{endpoint=\"/v1/lint\",le=\"0.025\"} 2\n"),
      std::string::npos);
  EXPECT_NE(text.find("ehcp_request_duration_seconds_count{endpoint=\"/v1/lint\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("ehcp_requests_in_flight 1\n"), std::string::npos);
  EXPECT_NE(text.find("ehcp_rejections_total{reason=\"queue_full\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("ehcp_rejections_total{reason=\"too_large\"} 0\n"), std::string::npos);
}

class ServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    DiagnosticList problems;
    ResourcePaths resources{EHCP_SOURCE_DIR};
    auto pipeline = Pipeline::Load(resources, "", problems);
    ASSERT_NE(pipeline, nullptr) << (problems.Empty() ? ""
                                                      : FormatDiagnostic(problems.Items().front()));
    ServiceOptions options;
    options.token = "a-token-of-twenty-chars";
    service_ =
        new Service(options, std::move(pipeline), WebAssets::Load(resources.Templates() / "web"));
  }
  static void TearDownTestSuite() { delete service_; }
  static HttpRequest Request(std::string method, std::string path, std::string body = {}) {
    HttpRequest r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.body = std::move(body);
    r.authorization = "Bearer a-token-of-twenty-chars";
    return r;
  }
  static std::string Plan(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  static Service* service_;
};
Service* ServiceTest::service_ = nullptr;

TEST_F(ServiceTest, RoutesAndMethods) {
  EXPECT_EQ(service_->Handle(Request("GET", "/healthz")).status, 200);
  EXPECT_EQ(service_->Handle(Request("GET", "/nowhere")).status, 404);
  HttpResponse wrong = service_->Handle(Request("GET", "/v1/lint"));
  EXPECT_EQ(wrong.status, 405);
  ASSERT_FALSE(wrong.headers.empty());
  EXPECT_EQ(wrong.headers.front(), (std::pair<std::string, std::string>{"Allow", "POST"}));
}

TEST_F(ServiceTest, TokenIsCheckedBeforeTheBody) {
  HttpRequest head = Request("POST", "/v1/lint");
  head.authorization = "Bearer a-token-of-twenty-charz";
  std::optional<HttpResponse> refused = service_->Admit(head);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  head.authorization = "a-token-of-twenty-chars";  // no scheme
  EXPECT_TRUE(service_->Admit(head));
  head.authorization = "Bearer a-token-of-twenty-chars";
  EXPECT_FALSE(service_->Admit(head));
  HttpRequest open = Request("GET", "/healthz");
  open.authorization.clear();
  EXPECT_FALSE(service_->Admit(open));
}

TEST_F(ServiceTest, MultipartPartNamesTheDocument) {
  HttpRequest request = Request("POST", "/v1/validate");
  request.parts.push_back(HttpPart{"plan", "../../secret/dir/my-plan.xml", "application/xml",
                                   Plan(EHCP_SAMPLES "/invalid/dangling-reference.xml")});
  HttpResponse response = service_->Handle(request);
  EXPECT_EQ(response.status, 422);
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["files"][0]["file"], "my-plan.xml");
  EXPECT_EQ(body["files"][0]["diagnostics"][0]["file"], "my-plan.xml");
}

// A council's own Word plan is linted as `ehcp lint plan.docx` lints it: known by the Word
// content type of a raw body, or by the name of a multipart part; findings carry places.
TEST_F(ServiceTest, LintReadsACouncilWordPlan) {
  const std::string docx = Plan(EHCP_SOURCE_DIR "/tests/council/tables.docx");
  ASSERT_FALSE(docx.empty());
  HttpRequest raw = Request("POST", "/v1/lint", docx);
  raw.content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  HttpRequest part = Request("POST", "/v1/lint");
  part.parts.push_back(HttpPart{"plan", "tables.docx", "application/octet-stream", docx});
  for (const auto& [request, name] :
       {std::pair{raw, std::string("plan.docx")}, std::pair{part, std::string("tables.docx")}}) {
    HttpResponse response = service_->Handle(request);
    ASSERT_EQ(response.status, 422) << response.body;  // the fixture has errors planted
    auto body = nlohmann::json::parse(response.body);
    const auto& plan = body["plans"][0];
    EXPECT_EQ(plan["file"], name);
    bool section_j_missing = false, placed = false;
    for (const auto& finding : plan["findings"]) {
      if (finding["code"] == "section-missing") section_j_missing = true;
      if (finding.contains("place") &&
          finding["place"].get<std::string>().find("Section F, table") != std::string::npos)
        placed = true;
    }
    EXPECT_TRUE(section_j_missing) << response.body;
    EXPECT_TRUE(placed) << response.body;
  }
  // Not a Word document after all: the DOCX reader's error, exit 2.
  HttpRequest broken = Request("POST", "/v1/lint", "this is not a zip");
  broken.content_type = raw.content_type;
  HttpResponse refused = service_->Handle(broken);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find("docx."), std::string::npos) << refused.body;
}

TEST_F(ServiceTest, RenderDocxIsAZipInMemory) {
  HttpRequest request =
      Request("POST", "/v1/render", Plan(EHCP_SAMPLES "/ks3-autism-anxiety/plan.xml"));
  request.query.emplace_back("format", "docx");
  HttpResponse response = service_->Handle(request);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.body.substr(0, 4), std::string("PK\3\4"));
  // The end of central directory record closes the archive.
  EXPECT_NE(response.body.rfind(std::string("PK\5\6")), std::string::npos);
}

TEST_F(ServiceTest, RenderHtmlIsTheSelfContainedPage) {
  HttpRequest request =
      Request("POST", "/v1/render", Plan(EHCP_SAMPLES "/ks3-autism-anxiety/plan.xml"));
  request.query.emplace_back("format", "html");
  request.query.emplace_back("template", "exampleshire");
  HttpResponse response = service_->Handle(request);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(response.body.substr(0, 15), "<!DOCTYPE html>");
  EXPECT_NE(response.body.find("<h2 id=\"about-me\">All about Yusuf</h2>"), std::string::npos);
  bool policy = false, named = false;
  for (const auto& [name, value] : response.headers) {
    policy = policy || (name == "Content-Security-Policy" && value == kReportPolicy);
    named =
        named || (name == "Content-Disposition" && value.find("plan.html") != std::string::npos);
  }
  EXPECT_TRUE(policy);
  EXPECT_TRUE(named);
  // The same bytes as `ehcp render --html` writes: one writer, one document.
  HttpResponse again = service_->Handle(request);
  EXPECT_EQ(again.body, response.body);
}

// Found by fuzz_serve: a body whose bytes are not UTF-8 ("<?xmxml\xE0\x89\x9A...") came back in
// the diagnostics, and nlohmann's dump threw, aborting the service. Every JSON answer is
// now written with DumpJson (invalid bytes become U+FFFD).
TEST_F(ServiceTest, ABodyThatIsNotUtf8StillGetsValidJson) {
  static const char kBody[] =
      "<?xmxml\xE0\x89\x9A\x88sion\x00\x01=\"1.0ng.rati\xA5"
      "a";
  const std::string body(kBody, sizeof kBody - 1);  // with its NUL byte
  for (const char* path : {"/v1/render", "/v1/validate", "/v1/lint"}) {
    HttpRequest request = Request("POST", path, body);
    HttpResponse response = service_->Handle(request);
    EXPECT_NE(response.status, 500) << path;
    if (response.content_type == "application/json") {
      EXPECT_TRUE(nlohmann::json::accept(response.body)) << path << ": " << response.body;
    }
  }
}

// Folder uploads are judged before any pipeline work: what the body is, whether a bundle
// has its manifest, whether a part's name stays inside the upload.
TEST_F(ServiceTest, FolderUploadsAreCheckedBeforeTheyAreBuilt) {
  auto code = [](const HttpResponse& r) {
    return nlohmann::json::parse(r.body)["error"]["code"].get<std::string>();
  };
  HttpResponse xml = service_->Handle(Request("POST", "/v1/bundle", "<bundle/>"));
  EXPECT_EQ(xml.status, 415);
  EXPECT_EQ(code(xml), "serve.content-type");

  HttpRequest no_manifest = Request("POST", "/v1/bundle");
  no_manifest.parts.push_back(HttpPart{"file", "evidence/a.pdf", "application/pdf", "%PDF-1.7"});
  HttpResponse missing = service_->Handle(no_manifest);
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(code(missing), "serve.manifest");

  HttpRequest climbing = Request("POST", "/v1/bundle");
  climbing.parts.push_back(HttpPart{"manifest", "manifest.xml", "application/xml", "<bundle/>"});
  climbing.parts.push_back(HttpPart{"file", "../other-child/a.pdf", "application/pdf", "%PDF"});
  HttpResponse climb = service_->Handle(climbing);
  EXPECT_EQ(climb.status, 400);
  EXPECT_EQ(code(climb), "zip.path");

  HttpRequest zipped_import = Request("POST", "/v1/import", "PK\3\4");
  zipped_import.content_type = "application/zip";
  EXPECT_EQ(service_->Handle(zipped_import).status, 415);
  HttpRequest one_part = Request("POST", "/v1/import");
  one_part.parts.push_back(HttpPart{"base", "plan.xml", "application/xml", "<plan/>"});
  HttpResponse usage = service_->Handle(one_part);
  EXPECT_EQ(usage.status, 400);
  EXPECT_EQ(code(usage), "serve.usage");

  HttpRequest not_zip = Request("POST", "/v1/lint", "<plan/>");
  not_zip.content_type = "application/zip";
  HttpResponse unreadable = service_->Handle(not_zip);
  EXPECT_EQ(unreadable.status, 400);
  EXPECT_EQ(code(unreadable), "zip.unreadable");
}

}  // namespace
}  // namespace ehcp::serve
