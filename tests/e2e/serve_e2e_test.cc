// End-to-end tests of `ehcp serve`: the real server (ehcp handing over to ehcp-serve) on a
// free loopback port, driven with curl and raw sockets. Every endpoint, the answers
// compared with the CLI's, every error path (bad token, oversized body, malformed
// request, invalid plan, client disconnect, full queue) and a graceful stop.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "run_command.h"
#include "serve_process.h"

namespace ehcp {
namespace {

using testing::Curl;
using testing::HttpResult;
using testing::ServeProcess;

const std::string kGood = EHCP_SAMPLES "/ks3-autism-anxiety/plan.xml";
const std::string kWeak = EHCP_SAMPLES "/weak-plan/plan.xml";
const std::string kDangling = EHCP_SAMPLES "/invalid/dangling-reference.xml";
const std::string kMalformed = EHCP_SAMPLES "/invalid/malformed.xml";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("ehcp-serve-e2e-" + std::to_string(::getpid()) + "-" + name))
      .string();
}

// The CLI's JSON for `args` (standard output only), with `path` renamed as the service
// names a request body.
nlohmann::json CliJson(const std::vector<std::string>& args, const std::string& path,
                       const std::string& name) {
  std::string command = testing::ShellQuote(EHCP_BINARY);
  for (const auto& arg : args) command += " " + testing::ShellQuote(arg);
  std::string out = testing::RunShell(command + " 2>/dev/null").output;
  for (size_t at = out.find(path); at != std::string::npos; at = out.find(path, at))
    out.replace(at, path.size(), name);
  return nlohmann::json::parse(out);
}

bool HasHeader(const HttpResult& r, const std::string& line) {
  return r.headers.find(line) != std::string::npos;
}

// /metrics once it shows `text`: requests are counted when they are logged, just after
// their answer is sent, so a count can lag the answer by a moment.
std::string MetricsShowing(const std::string& url, const std::string& text) {
  std::string body = Curl({url}).body;
  for (int i = 0; i < 100 && body.find(text) == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    body = Curl({url}).body;
  }
  return body;
}

class Serve : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new ServeProcess({"--workers", "2"}); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static std::string Url(const std::string& path) { return server_->Url(path); }
  static HttpResult Post(const std::string& path, const std::string& file) {
    return Curl({"--data-binary", "@" + file, "-H", "Content-Type: application/xml", Url(path)});
  }
  static ServeProcess* server_;
};
ServeProcess* Serve::server_ = nullptr;

TEST_F(Serve, StartsOnAFreeLoopbackPort) {
  ASSERT_GT(server_->Port(), 0) << server_->ReadyLine() << server_->Log();
  EXPECT_NE(server_->ReadyLine().find("listening on http://127.0.0.1:"), std::string::npos);
}

TEST_F(Serve, HealthzAndSecurityHeaders) {
  HttpResult r = Curl({Url("/healthz")});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(nlohmann::json::parse(r.body)["status"], "ok");
  EXPECT_TRUE(HasHeader(r, "cache-control: no-store"));
  EXPECT_TRUE(HasHeader(r, "x-content-type-options: nosniff"));
  EXPECT_TRUE(HasHeader(r, "content-security-policy: default-src 'none'"));
  EXPECT_TRUE(HasHeader(r, "x-request-id: "));
}

TEST_F(Serve, ValidateAnswersAsTheCli) {
  HttpResult good = Post("/v1/validate", kGood);
  EXPECT_EQ(good.status, 200) << good.body;
  EXPECT_TRUE(HasHeader(good, "ehcp-exit-code: 0"));
  EXPECT_EQ(nlohmann::json::parse(good.body),
            CliJson({"validate", "--format", "json", kGood}, kGood, "plan.xml"));

  // Multipart: the part's file name names the document.
  HttpResult bad =
      Curl({"-F", "plan=@" + kDangling + ";filename=dangling-reference.xml", Url("/v1/validate")});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_TRUE(HasHeader(bad, "ehcp-exit-code: 1"));
  nlohmann::json body = nlohmann::json::parse(bad.body);
  EXPECT_EQ(body, CliJson({"validate", "--format", "json", kDangling}, kDangling,
                          "dangling-reference.xml"));
  EXPECT_EQ(body["files"][0]["diagnostics"][0]["code"], "schema.invalid");
}

TEST_F(Serve, LintAnswersAsTheCli) {
  HttpResult weak = Post("/v1/lint", kWeak);
  EXPECT_EQ(weak.status, 422);
  EXPECT_TRUE(HasHeader(weak, "ehcp-exit-code: 1"));
  nlohmann::json service = nlohmann::json::parse(weak.body);
  EXPECT_EQ(service, CliJson({"lint", "--format", "json", kWeak}, kWeak, "plan.xml"));
  EXPECT_GE(service["plans"][0]["findings"].size(), 20u);

  HttpResult good = Post("/v1/lint", kGood);
  EXPECT_EQ(good.status, 200) << good.body;

  HttpResult warn = Post("/v1/lint?fail_on=warning", kWeak);
  EXPECT_EQ(warn.status, 422);

  // exit=header: the report is the answer (200), the exit code only in the header.
  HttpResult header = Post("/v1/lint?exit=header", kWeak);
  EXPECT_EQ(header.status, 200);
  EXPECT_TRUE(HasHeader(header, "ehcp-exit-code: 1"));
  EXPECT_EQ(nlohmann::json::parse(header.body), service);
  EXPECT_EQ(Post("/v1/lint?exit=maybe", kWeak).status, 400);
}

TEST_F(Serve, LintOfACaseloadAnswersAsTheCli) {
  // Several plans as multipart parts: caseload mode, as `ehcp lint A B C`.
  std::vector<std::string> plans = testing::SamplePlans();
  ASSERT_GE(plans.size(), 3u);
  std::vector<std::string> args, cli{"lint", "--format", "json"};
  for (const auto& plan : plans) {
    args.insert(args.end(), {"-F", "plan=@" + plan + ";filename=plan.xml"});
    cli.push_back(plan);
  }
  args.push_back(Url("/v1/lint"));
  HttpResult json = Curl(args);
  EXPECT_EQ(json.status, 422);  // the weak plan's errors
  nlohmann::json expected = CliJson(cli, plans[0], "plan.xml");
  for (size_t i = 1; i < plans.size(); ++i) {
    std::string text = expected.dump();
    for (size_t at = text.find(plans[i]); at != std::string::npos; at = text.find(plans[i], at))
      text.replace(at, plans[i].size(), "plan.xml");
    expected = nlohmann::json::parse(text);
  }
  EXPECT_EQ(nlohmann::json::parse(json.body), expected);
  EXPECT_EQ(nlohmann::json::parse(json.body)["summary"]["plans"], plans.size());

  args.back() = Url("/v1/lint?format=html");
  HttpResult html = Curl(args);
  EXPECT_EQ(html.status, 422);
  EXPECT_NE(html.body.find("<table"), std::string::npos);
  EXPECT_TRUE(
      HasHeader(html, "content-security-policy: default-src 'none'; style-src 'unsafe-inline'"));
}

TEST_F(Serve, LintFormats) {
  HttpResult sarif = Post("/v1/lint?format=sarif", kWeak);
  EXPECT_EQ(sarif.status, 422);
  EXPECT_TRUE(HasHeader(sarif, "content-type: application/sarif+json"));
  EXPECT_EQ(nlohmann::json::parse(sarif.body)["version"], "2.1.0");

  HttpResult html = Post("/v1/lint?format=html", kWeak);
  EXPECT_EQ(html.status, 422);
  EXPECT_TRUE(HasHeader(html, "content-type: text/html"));
  EXPECT_NE(html.body.find("Inadequate"), std::string::npos);

  HttpResult text = Post("/v1/lint?format=text", kWeak);
  EXPECT_NE(text.body.find("plan.xml:"), std::string::npos) << text.body;

  HttpResult unknown = Post("/v1/lint?format=yaml", kWeak);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(nlohmann::json::parse(unknown.body)["error"]["code"], "serve.usage");
}

TEST_F(Serve, LintOfWhatIsNotAPlanIsAnInputError) {
  HttpResult malformed = Post("/v1/lint", kMalformed);
  EXPECT_EQ(malformed.status, 400);
  EXPECT_TRUE(HasHeader(malformed, "ehcp-exit-code: 2"));
  EXPECT_FALSE(nlohmann::json::parse(malformed.body)["plans"][0]["valid"].get<bool>());
}

TEST_F(Serve, RenderPdfAndDocx) {
  std::string pdf = TempPath("render.pdf"), docx = TempPath("render.docx");
  HttpResult r = Curl({"--data-binary", "@" + kGood, Url("/v1/render?format=pdf")});
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(HasHeader(r, "content-type: application/pdf"));
  std::ofstream(pdf, std::ios::binary) << r.body;
  auto info = testing::RunShell("pdfinfo " + testing::ShellQuote(pdf));
  EXPECT_EQ(info.exit_code, 0) << info.output;
  EXPECT_TRUE(std::regex_search(info.output, std::regex("Pages: +[1-9]"))) << info.output;

  HttpResult d =
      Curl({"--data-binary", "@" + kGood, Url("/v1/render?format=docx&template=exampleshire")});
  EXPECT_EQ(d.status, 200);
  std::ofstream(docx, std::ios::binary) << d.body;
  EXPECT_TRUE(HasHeader(d, "content-disposition: attachment; filename=\"plan.docx\""));
  auto unzip = testing::RunShell(
      "python3 -c \"import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); "
      "assert z.testzip() is None; print(len(z.read('word/document.xml')))\" " +
      testing::ShellQuote(docx));
  EXPECT_EQ(unzip.exit_code, 0) << unzip.output;
  EXPECT_GT(std::stoi(unzip.output), 10000);
  std::filesystem::remove(pdf);
  std::filesystem::remove(docx);
}

TEST_F(Serve, RenderOfAnInvalidPlanIsTheRenderReport) {
  HttpResult r = Post("/v1/render", kDangling);
  EXPECT_EQ(r.status, 422);
  nlohmann::json body = nlohmann::json::parse(r.body);
  EXPECT_FALSE(body["files"][0]["rendered"].get<bool>());
  EXPECT_EQ(body["files"][0]["diagnostics"][0]["code"], "schema.invalid");

  HttpResult no_template = Post("/v1/render?template=../../etc", kGood);
  EXPECT_EQ(no_template.status, 400);
}

TEST_F(Serve, AssembleAnswersAsTheCli) {
  // The case file and its contributions as multipart parts, as a browser sends a folder.
  const std::string folder = EHCP_SAMPLES "/ks3-autism-anxiety";
  std::vector<std::string> args{"-F", "case=@" + folder + "/case.xml"};
  for (const auto& entry : std::filesystem::directory_iterator(folder + "/contributions"))
    args.insert(args.end(), {"-F", "contribution=@" + entry.path().string()});
  args.push_back(Url("/v1/assemble"));
  HttpResult r = Curl(args);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(HasHeader(r, "ehcp-exit-code: 0"));
  nlohmann::json body = nlohmann::json::parse(r.body);
  std::string draft = TempPath("draft.xml");
  auto cli = testing::RunEhcp(
      {"assemble", folder, "-o", draft, "--format", "json", "--report", draft + ".json"});
  ASSERT_EQ(cli.exit_code, 0) << cli.output;
  // The same draft, byte for byte, and the same merges and conflicts.
  EXPECT_EQ(body["draft"].get<std::string>(), ReadFile(draft));
  // The CLI names contributions by path, the service by the parts' file names.
  std::string cli_report = ReadFile(draft + ".json"), prefix = folder + "/contributions/";
  for (size_t at = cli_report.find(prefix); at != std::string::npos;
       at = cli_report.find(prefix, at))
    cli_report.erase(at, prefix.size());
  nlohmann::json report = nlohmann::json::parse(cli_report);
  EXPECT_EQ(body["report"]["merged"], report["merged"]);
  EXPECT_EQ(body["report"]["conflicts"], report["conflicts"]);
  std::filesystem::remove(draft);
  std::filesystem::remove(draft + ".json");

  // Contributions without their case file: nothing to assemble from (exit 2).
  HttpResult no_case =
      Curl({"-F", "contribution=@" + folder + "/contributions/03-senco.xml", Url("/v1/assemble")});
  EXPECT_EQ(no_case.status, 400);
  EXPECT_EQ(nlohmann::json::parse(no_case.body)["report"]["diagnostics"][0]["code"],
            "assemble.no-case");
  EXPECT_EQ(Post("/v1/assemble", folder + "/case.xml").status, 400);  // not multipart
}

TEST_F(Serve, UsageErrors) {
  EXPECT_EQ(Curl({Url("/v1/lint")}).status, 405);  // GET
  EXPECT_EQ(Curl({Url("/nowhere")}).status, 404);
  HttpResult empty = Curl({"-d", "", Url("/v1/lint")});
  EXPECT_EQ(empty.status, 400);
  HttpResult two = Curl({"-F", "a=@" + kGood, "-F", "b=@" + kWeak, Url("/v1/validate")});
  EXPECT_EQ(two.status, 400);
}

TEST_F(Serve, MalformedRequestIsRefused) {
  std::string answer = testing::RawExchange(server_->Port(), "NOT HTTP AT ALL\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0u) << answer;
  std::string bad_length = testing::RawExchange(
      server_->Port(), "POST /v1/lint HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\n");
  EXPECT_EQ(bad_length.rfind("HTTP/1.1 400", 0), 0u) << bad_length;
  EXPECT_EQ(Curl({Url("/healthz")}).status, 200);
}

TEST_F(Serve, ClientDisconnectDoesNotHurtTheServer) {
  // Vanishes halfway through its body, then right after sending a whole request.
  int half = testing::Connect(server_->Port());
  std::string head = "POST /v1/lint HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n<plan";
  send(half, head.data(), head.size(), MSG_NOSIGNAL);
  close(half);
  std::string plan = ReadFile(kWeak);
  int whole = testing::Connect(server_->Port());
  std::string request =
      "POST /v1/render HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(plan.size()) +
      "\r\n\r\n" + plan;
  send(whole, request.data(), request.size(), MSG_NOSIGNAL);
  close(whole);
  EXPECT_EQ(Post("/v1/lint", kGood).status, 200);
  EXPECT_EQ(Curl({Url("/healthz")}).status, 200);
}

TEST_F(Serve, SlowClientDoesNotHoldAWorker) {
  ServeProcess one({"--workers", "1", "--timeout", "60"});
  ASSERT_GT(one.Port(), 0);
  int slow = testing::Connect(one.Port());
  std::string head = "POST /v1/lint HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n<?xml";
  send(slow, head.data(), head.size(), MSG_NOSIGNAL);
  // The slow client holds its connection for up to a minute; a lint is still answered
  // (curl gives up after 20 s, so a held worker would fail this).
  HttpResult r = Curl({"--max-time", "20", "--data-binary", "@" + kGood, one.Url("/v1/lint")});
  EXPECT_EQ(r.status, 200);
  close(slow);
}

TEST_F(Serve, LogsHoldNoContent) {
  EXPECT_EQ(Post("/v1/lint", kWeak).status, 422);
  // The server logs a request after its answer is sent: wait for the line.
  std::string log = server_->Log();
  for (int i = 0; i < 100 && log.find("POST /v1/lint 422") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    log = server_->Log();
  }
  EXPECT_NE(log.find("POST /v1/lint 422"), std::string::npos) << log;
  nlohmann::json cli = CliJson({"lint", "--format", "json", kWeak}, kWeak, "plan.xml");
  std::string plan_id = cli["plans"][0]["plan"].get<std::string>();
  ASSERT_FALSE(plan_id.empty());
  EXPECT_EQ(log.find(plan_id), std::string::npos);
  EXPECT_EQ(log.find("plan.xml"), std::string::npos);
  EXPECT_EQ(log.find("<plan"), std::string::npos);
}

TEST_F(Serve, Metrics) {
  Post("/v1/lint", kWeak);
  HttpResult r = Curl({Url("/metrics")});
  EXPECT_EQ(r.status, 200);
  r.body =
      MetricsShowing(Url("/metrics"), "ehcp_requests_total{endpoint=\"/v1/lint\",status=\"422\"}");
  EXPECT_NE(r.body.find("ehcp_requests_total{endpoint=\"/v1/lint\",status=\"422\"}"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("ehcp_request_duration_seconds_bucket{endpoint=\"/v1/lint\",le=\"+Inf\"}"),
            std::string::npos);
  EXPECT_NE(r.body.find("ehcp_requests_in_flight "), std::string::npos);
  EXPECT_NE(r.body.find("ehcp_rejections_total{reason=\"queue_full\"}"), std::string::npos);
}

TEST(ServeLimits, OversizedBodyIs413) {
  ServeProcess server({"--max-body", "4096"});
  ASSERT_GT(server.Port(), 0);
  HttpResult r = Curl({"--data-binary", "@" + kWeak, server.Url("/v1/lint")});
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "http.413");
  EXPECT_TRUE(HasHeader(r, "cache-control: no-store"));
  EXPECT_NE(MetricsShowing(server.Url("/metrics"), "ehcp_rejections_total{reason=\"too_large\"} 1")
                .find("ehcp_rejections_total{reason=\"too_large\"} 1"),
            std::string::npos);
}

TEST(ServeLimits, BearerTokenWhenATokenFileIsGiven) {
  std::string token_file = TempPath("token");
  std::ofstream(token_file) << "correct-horse-battery-staple\n";
  ServeProcess server({"--token-file", token_file});
  ASSERT_GT(server.Port(), 0);
  HttpResult none = Curl({"--data-binary", "@" + kGood, server.Url("/v1/lint")});
  EXPECT_EQ(none.status, 401);
  EXPECT_TRUE(HasHeader(none, "www-authenticate: bearer"));
  HttpResult wrong = Curl({"-H", "Authorization: Bearer correct-horse-battery-stapler",
                           "--data-binary", "@" + kGood, server.Url("/v1/lint")});
  EXPECT_EQ(wrong.status, 401);
  HttpResult right = Curl({"-H", "Authorization: Bearer correct-horse-battery-staple",
                           "--data-binary", "@" + kGood, server.Url("/v1/lint")});
  EXPECT_EQ(right.status, 200);
  EXPECT_EQ(Curl({server.Url("/metrics")}).status, 401);
  EXPECT_EQ(Curl({server.Url("/healthz")}).status, 200);
  std::filesystem::remove(token_file);
}

TEST(ServeLimits, PublicAddressNeedsAToken) {
  auto r = testing::RunEhcp({"serve", "--listen", "0.0.0.0:0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("needs --token-file"), std::string::npos) << r.output;
  auto bad = testing::RunEhcp({"serve", "--listen", "nonsense"});
  EXPECT_EQ(bad.exit_code, 2);
}

TEST(ServeLimits, FullQueueAnswers503WithRetryAfter) {
  // One worker, no queue: of 16 renders sent at once, those that find the worker busy
  // are turned away at once; none waits or fails otherwise.
  ServeProcess server({"--workers", "1", "--queue", "0"});
  ASSERT_GT(server.Port(), 0);
  std::string script = "seq 16 | xargs -P 16 -I{} curl -s -o /dev/null -D - --data-binary @" +
                       testing::ShellQuote(EHCP_SAMPLES "/year10-pfa/plan.xml") + " " +
                       server.Url("/v1/render") + " | grep -i -E '^(HTTP/|retry-after)'";
  std::string out = testing::RunShell(script).output;
  std::regex ok("HTTP/1.1 200"), busy("HTTP/1.1 503"), retry("[Rr]etry-[Aa]fter: 1");
  auto count = [&](const std::regex& re) {
    return std::distance(std::sregex_iterator(out.begin(), out.end(), re), std::sregex_iterator());
  };
  EXPECT_GE(count(ok), 1) << out;
  EXPECT_GE(count(busy), 1) << out;
  EXPECT_EQ(count(busy), count(retry)) << out;
  EXPECT_EQ(count(ok) + count(busy), 16) << out;
  EXPECT_NE(
      Curl({server.Url("/metrics")}).body.find("ehcp_rejections_total{reason=\"queue_full\"} "),
      std::string::npos);
}

TEST(ServeStop, SigtermFinishesTheRequestInFlightThenExits) {
  auto server = std::make_unique<ServeProcess>(std::vector<std::string>{});
  ASSERT_GT(server->Port(), 0);
  std::string plan = ReadFile(kGood);
  int fd = testing::Connect(server->Port());
  std::string head = "POST /v1/lint HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " +
                     std::to_string(plan.size()) + "\r\n\r\n";
  std::string first = head + plan.substr(0, plan.size() / 2);
  send(fd, first.data(), first.size(), MSG_NOSIGNAL);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // let a thread take it up

  std::thread stopper([&] { EXPECT_EQ(server->Stop(), 0); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::string rest = plan.substr(plan.size() / 2);
  send(fd, rest.data(), rest.size(), MSG_NOSIGNAL);
  std::string answer;
  char buffer[4096];
  ssize_t n;
  while ((n = recv(fd, buffer, sizeof buffer, 0)) > 0)
    answer.append(buffer, static_cast<size_t>(n));
  close(fd);
  stopper.join();
  EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer.substr(0, 200);
  EXPECT_NE(server->Log().find("ehcp serve: stopped"), std::string::npos) << server->Log();
  // New connections are refused once it has gone.
  EXPECT_EQ(testing::Connect(server->Port()), -1);
}

}  // namespace
}  // namespace ehcp
