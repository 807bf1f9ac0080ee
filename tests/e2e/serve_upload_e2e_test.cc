// End-to-end tests of the service's folder uploads: /v1/bundle (a manifest and its PDFs,
// as parts or one ZIP), /v1/import (a DOCX and its base plan), and case folders and
// caseloads as ZIPs for /v1/assemble and /v1/lint. The real server on a free loopback
// port, driven with curl; every answer compared with the CLI's on the same files, and
// every refusal (wrong content type, ZIP bomb, too many entries, "..", a link, no
// manifest, evidence outside the upload, oversized body, bad token).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "run_command.h"
#include "serve_process.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;
using testing::Curl;
using testing::HttpResult;
using testing::ServeProcess;

const std::string kSamples = EHCP_SAMPLES;
const std::string kKs3 = kSamples + "/ks3-autism-anxiety";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

bool HasHeader(const HttpResult& r, const std::string& line) {
  return r.headers.find(line) != std::string::npos;
}

std::string ErrorCode(const HttpResult& r) {
  return nlohmann::json::parse(r.body)["error"]["code"].get<std::string>();
}

// A folder of this test's own in the temporary directory, removed at the end.
class Scratch {
 public:
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "ehcp-serve-upload-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) dir_ = pattern;
  }
  ~Scratch() { fs::remove_all(dir_); }
  std::string operator/(const std::string& name) const { return (dir_ / name).string(); }

 private:
  fs::path dir_;
};

// tests/e2e/make_zip.py OUT SPEC...: an independent writer that also makes hostile ZIPs.
std::string MakeZip(const std::string& out, const std::vector<std::string>& specs) {
  std::string command = "/usr/bin/python3 " +
                        testing::ShellQuote(EHCP_SOURCE_DIR "/tests/e2e/make_zip.py") + " " +
                        testing::ShellQuote(out);
  for (const auto& spec : specs) command += " " + testing::ShellQuote(spec);
  testing::ShellResult r = testing::RunShell(command);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return out;
}

// The sample bundle's files as they sit under samples/: the manifest's "../" reaches the
// plan beside its folder, still inside the upload.
std::vector<std::string> BundleSpecs(const std::string& top = "") {
  std::vector<std::string> specs{top + "bundle/manifest.xml=@" + kSamples + "/bundle/manifest.xml",
                                 top + "ks3-autism-anxiety/plan.xml=@" + kKs3 + "/plan.xml"};
  for (const auto& entry : fs::directory_iterator(kSamples + "/bundle/evidence"))
    specs.push_back(top + "bundle/evidence/" + entry.path().filename().string() + "=@" +
                    entry.path().string());
  return specs;
}

class ServeUpload : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new ServeProcess({"--workers", "2"}); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static std::string Url(const std::string& path) { return server_->Url(path); }
  static HttpResult PostZip(const std::string& path, const std::string& zip) {
    return Curl({"--data-binary", "@" + zip, "-H", "Content-Type: application/zip", Url(path)});
  }
  static ServeProcess* server_;
  Scratch scratch_;
};
ServeProcess* ServeUpload::server_ = nullptr;

TEST_F(ServeUpload, BundleFromAZipIsTheCliBundle) {
  std::string pdf = scratch_ / "cli.pdf", map = scratch_ / "cli.json";
  auto cli = testing::RunEhcp({"bundle", kSamples + "/bundle/manifest.xml", "-o", pdf, "--page-map",
                               map, "--evidence-root", kSamples});
  ASSERT_EQ(cli.exit_code, 0) << cli.output;
  std::string zip = MakeZip(scratch_ / "bundle.zip", BundleSpecs());

  HttpResult r = PostZip("/v1/bundle", zip);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(HasHeader(r, "content-type: application/pdf"));
  EXPECT_TRUE(HasHeader(r, "ehcp-exit-code: 0"));
  nlohmann::json page_map = nlohmann::json::parse(ReadFile(map));
  EXPECT_TRUE(HasHeader(r, "ehcp-bundle-sha256: " + page_map["sha256"].get<std::string>()));
  EXPECT_TRUE(r.body == ReadFile(pdf));  // the same bytes: proof of sameness holds

  HttpResult json = PostZip("/v1/bundle?format=json", zip);
  ASSERT_EQ(json.status, 200) << json.body;
  nlohmann::json report = nlohmann::json::parse(json.body);
  EXPECT_EQ(report["written"], true);
  EXPECT_EQ(report["manifest"], "bundle/manifest.xml");
  EXPECT_EQ(report["page_map"], page_map);
}

TEST_F(ServeUpload, BundleFromPartsNamedByTheirPaths) {
  std::vector<std::string> args;
  for (const auto& spec : BundleSpecs()) {
    std::string name = spec.substr(0, spec.find('=')), file = spec.substr(spec.find('@') + 1);
    args.insert(args.end(),
                {"-F", std::string(name == "bundle/manifest.xml" ? "manifest" : "file") + "=@" +
                           file + ";filename=" + name});
  }
  args.push_back(Url("/v1/bundle"));
  HttpResult r = Curl(args);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.substr(0, 5), "%PDF-");
  std::string pdf = scratch_ / "parts.pdf";
  std::ofstream(pdf, std::ios::binary) << r.body;
  EXPECT_EQ(testing::RunShell("pdfinfo " + testing::ShellQuote(pdf)).exit_code, 0);
}

TEST_F(ServeUpload, BundleEvidenceOutsideTheUploadIsRefusedAsTheCliRefusesIt) {
  // The manifest at the top of the upload: its "../ks3-autism-anxiety/plan.xml" leaves it.
  std::vector<std::string> specs = BundleSpecs();
  specs[0] = "manifest.xml=@" + kSamples + "/bundle/manifest.xml";
  for (auto& spec : specs)
    if (spec.rfind("bundle/evidence/", 0) == 0) spec.erase(0, 7);
  HttpResult r = PostZip("/v1/bundle", MakeZip(scratch_ / "outside.zip", specs));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_TRUE(HasHeader(r, "ehcp-exit-code: 1"));
  nlohmann::json report = nlohmann::json::parse(r.body);
  EXPECT_EQ(report["written"], false);
  ASSERT_EQ(report["diagnostics"].size(), 1u) << report.dump(2);
  EXPECT_EQ(report["diagnostics"][0]["code"], "bundle.path");
  EXPECT_NE(report["diagnostics"][0]["message"].get<std::string>().find("leaves the upload"),
            std::string::npos);
  // The CLI, with the manifest's own folder as the evidence root, refuses the same path.
  auto cli =
      testing::RunEhcp({"bundle", kSamples + "/bundle/manifest.xml", "-o", scratch_ / "no.pdf"});
  EXPECT_EQ(cli.exit_code, 1);
  EXPECT_NE(cli.output.find("[bundle.path]"), std::string::npos) << cli.output;
}

TEST_F(ServeUpload, BundleRefusals) {
  // Not multipart and not a ZIP.
  HttpResult xml = Curl({"--data-binary", "@" + kSamples + "/bundle/manifest.xml", "-H",
                         "Content-Type: application/xml", Url("/v1/bundle")});
  EXPECT_EQ(xml.status, 415);
  EXPECT_EQ(ErrorCode(xml), "serve.content-type");
  // A ZIP with no manifest.
  HttpResult none = PostZip(
      "/v1/bundle", MakeZip(scratch_ / "none.zip", {"evidence/a.pdf=@" + kSamples +
                                                    "/bundle/evidence/01-decision-letter.pdf"}));
  EXPECT_EQ(none.status, 400);
  EXPECT_EQ(ErrorCode(none), "serve.manifest");
  EXPECT_TRUE(HasHeader(none, "ehcp-exit-code: 2"));
  // A plan where the manifest should be: the manifest reader's own error.
  HttpResult plan = PostZip(
      "/v1/bundle", MakeZip(scratch_ / "plan.zip", {"manifest.xml=@" + kKs3 + "/plan.xml"}));
  EXPECT_EQ(plan.status, 422);
  EXPECT_EQ(nlohmann::json::parse(plan.body)["diagnostics"][0]["code"], "bundle.manifest");
  // A ZIP that is not one, and a format that does not exist.
  HttpResult broken = Curl({"--data-binary", "@" + kKs3 + "/plan.xml", "-H",
                            "Content-Type: application/zip", Url("/v1/bundle")});
  EXPECT_EQ(broken.status, 400);
  EXPECT_EQ(ErrorCode(broken), "zip.unreadable");
  EXPECT_EQ(
      Curl({"-F", "manifest=@" + kSamples + "/bundle/manifest.xml", Url("/v1/bundle?format=docx")})
          .status,
      400);
  // A part whose file name climbs out.
  HttpResult climb = Curl({"-F", "manifest=@" + kSamples + "/bundle/manifest.xml", "-F",
                           "file=@" + kKs3 + "/plan.xml;filename=../plan.xml", Url("/v1/bundle")});
  EXPECT_EQ(climb.status, 400);
  EXPECT_EQ(ErrorCode(climb), "zip.path");
}

TEST_F(ServeUpload, HostileZipsAreRefusedWhole) {
  const std::string plan = "plan.xml=@" + kKs3 + "/plan.xml";
  struct Case {
    std::string name;
    std::vector<std::string> specs;
    std::string code, words;
  };
  std::vector<std::string> many;
  for (int i = 0; i < 1001; ++i) many.push_back("p" + std::to_string(i) + ".xml=<plan/>");
  const std::vector<Case> cases{
      {"dotdot", {plan, "../../etc/cron.d/evil.xml=<plan/>"}, "zip.path", "leaves the folder"},
      {"absolute", {plan, "/tmp/evil.xml=<plan/>"}, "zip.path", "absolute"},
      {"link", {plan, "--link", "other.xml=/etc/passwd"}, "zip.path", "symbolic link"},
      {"bomb", {plan, "--fill", "big.xml=33554432"}, "zip.limit", "ZIP bomb"},
      {"many", many, "zip.limit", "parts"},
  };
  for (const auto& c : cases) {
    std::string zip = MakeZip(scratch_ / (c.name + ".zip"), c.specs);
    for (const char* path : {"/v1/lint", "/v1/assemble", "/v1/bundle"}) {
      HttpResult r = PostZip(path, zip);
      EXPECT_EQ(r.status, 400) << c.name << " " << path << ": " << r.body;
      EXPECT_TRUE(HasHeader(r, "ehcp-exit-code: 2")) << c.name;
      nlohmann::json error = nlohmann::json::parse(r.body)["error"];
      EXPECT_EQ(error["code"], c.code) << c.name;
      EXPECT_NE(error["message"].get<std::string>().find(c.words), std::string::npos)
          << c.name << ": " << error.dump();
    }
  }
  EXPECT_EQ(Curl({Url("/healthz")}).status, 200);
}

TEST_F(ServeUpload, CaseFolderZipAssemblesAsTheCli) {
  std::vector<std::string> specs{"ks3/case.xml=@" + kKs3 + "/case.xml",
                                 "ks3/plan.xml=@" + kKs3 + "/plan.xml"};
  for (const auto& entry : fs::directory_iterator(kKs3 + "/contributions"))
    specs.push_back("ks3/contributions/" + entry.path().filename().string() + "=@" +
                    entry.path().string());
  HttpResult r = PostZip("/v1/assemble", MakeZip(scratch_ / "case.zip", specs));
  ASSERT_EQ(r.status, 200) << r.body;
  std::string draft = scratch_ / "draft.xml";
  auto cli = testing::RunEhcp(
      {"assemble", kKs3, "-o", draft, "--format", "json", "--report", scratch_ / "report.json"});
  ASSERT_EQ(cli.exit_code, 0) << cli.output;
  nlohmann::json body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["draft"].get<std::string>(), ReadFile(draft));
  nlohmann::json report = nlohmann::json::parse(ReadFile(scratch_ / "report.json"));
  EXPECT_EQ(body["report"]["conflicts"].size(), report["conflicts"].size());
  EXPECT_EQ(body["report"]["merged"].size(), report["merged"].size());

  // A folder without its case file: the CLI's own refusal, exit 2.
  HttpResult no_case = PostZip(
      "/v1/assemble", MakeZip(scratch_ / "nocase.zip",
                              {"contributions/a.xml=@" + kKs3 + "/contributions/03-senco.xml"}));
  EXPECT_EQ(no_case.status, 400);
  EXPECT_EQ(nlohmann::json::parse(no_case.body)["report"]["diagnostics"][0]["message"],
            "no case.xml in this folder");
}

TEST_F(ServeUpload, CaseloadZipLintsAsTheCliLintsTheFolder) {
  // A caseload tree with a case folder (its case file and advice are skipped, as lint
  // skips them in a folder), the weak plan and a bundle manifest.
  std::vector<std::string> specs{
      "caseload/ks3/case.xml=@" + kKs3 + "/case.xml",
      "caseload/ks3/plan.xml=@" + kKs3 + "/plan.xml",
      "caseload/ks3/contributions/03-senco.xml=@" + kKs3 + "/contributions/03-senco.xml",
      "caseload/weak/plan.xml=@" + kSamples + "/weak-plan/plan.xml",
      "caseload/bundle/manifest.xml=@" + kSamples + "/bundle/manifest.xml"};
  std::string zip = MakeZip(scratch_ / "caseload.zip", specs);
  std::string folder = scratch_ / "caseload";
  ASSERT_EQ(testing::RunShell("cd " + testing::ShellQuote(scratch_ / "") + " && unzip -q " +
                              testing::ShellQuote(zip))
                .exit_code,
            0);
  HttpResult r = PostZip("/v1/lint", zip);
  EXPECT_EQ(r.status, 422) << r.body;  // the weak plan's errors
  // Standard output only: RunShell gathers standard error too, so it is dropped inside.
  std::string cli =
      testing::RunShell("(" + testing::ShellQuote(EHCP_BINARY) + " lint --format json " +
                        testing::ShellQuote(folder) + " 2>/dev/null)")
          .output;
  std::string prefix = folder + "/";
  for (size_t at = cli.find(prefix); at != std::string::npos; at = cli.find(prefix, at))
    cli.erase(at, prefix.size());
  nlohmann::json body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body, nlohmann::json::parse(cli));
  EXPECT_EQ(body["summary"]["plans"], 2);

  HttpResult html = PostZip("/v1/lint?format=html", zip);
  EXPECT_EQ(html.status, 422);
  EXPECT_NE(html.body.find("<table"), std::string::npos);
  EXPECT_TRUE(HasHeader(html, "content-type: text/html"));
}

TEST_F(ServeUpload, ImportAnswersAsTheCli) {
  std::string docx = scratch_ / "plan.docx";
  ASSERT_EQ(testing::RunEhcp({"render", kKs3 + "/plan.xml", "--docx", docx}).exit_code, 0);
  // An officer's edit, made with Python's zipfile: one sentence of the plan retyped.
  std::string edited = scratch_ / "edited.docx";
  std::string script =
      "import sys,zipfile\n"
      "src=zipfile.ZipFile(sys.argv[1]); "
      "out=zipfile.ZipFile(sys.argv[2],'w',zipfile.ZIP_DEFLATED)\n"
      "for i in src.infolist():\n"
      "  data=src.read(i.filename)\n"
      "  if i.filename=='word/document.xml': data=data.replace(b'anxiety',b'worry',1)\n"
      "  out.writestr(i,data)\n"
      "out.close()\n";
  std::ofstream(scratch_ / "edit.py") << script;
  ASSERT_EQ(testing::RunShell("/usr/bin/python3 " + testing::ShellQuote(scratch_ / "edit.py") +
                              " " + testing::ShellQuote(docx) + " " + testing::ShellQuote(edited))
                .exit_code,
            0);
  HttpResult r = Curl({"-F", "docx=@" + edited + ";filename=edited.docx", "-F",
                       "base=@" + kKs3 + "/plan.xml;filename=plan.xml", Url("/v1/import")});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(HasHeader(r, "ehcp-exit-code: 0"));
  nlohmann::json body = nlohmann::json::parse(r.body);

  std::string out = scratch_ / "imported.xml";
  std::string command = "(" + testing::ShellQuote(EHCP_BINARY) + " import " +
                        testing::ShellQuote(edited) + " --base " +
                        testing::ShellQuote(kKs3 + "/plan.xml") + " -o " +
                        testing::ShellQuote(out) + " --format json 2>/dev/null)";
  testing::ShellResult cli = testing::RunShell(command);
  ASSERT_EQ(cli.exit_code, 0) << cli.output;
  nlohmann::json report = nlohmann::json::parse(cli.output);
  EXPECT_EQ(body["plan"].get<std::string>(), ReadFile(out));
  EXPECT_EQ(body["report"]["changes"], report["changes"]);
  EXPECT_FALSE(body["report"]["changes"].empty());
  EXPECT_EQ(body["report"]["lint"]["findings"], report["lint"]["findings"]);
  EXPECT_EQ(body["report"]["docx"], "edited.docx");
}

TEST_F(ServeUpload, ImportRefusals) {
  // Not a Word document: the reader's own error, exit 2.
  HttpResult bad = Curl({"-F", "docx=@" + kKs3 + "/plan.xml;filename=plan.docx", "-F",
                         "base=@" + kKs3 + "/plan.xml", Url("/v1/import")});
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(nlohmann::json::parse(bad.body)["report"]["diagnostics"][0]["code"], "docx.unreadable");
  EXPECT_EQ(nlohmann::json::parse(bad.body).count("plan"), 0u);
  // One part only, a plain body, a ZIP.
  HttpResult one = Curl({"-F", "base=@" + kKs3 + "/plan.xml", Url("/v1/import")});
  EXPECT_EQ(one.status, 400);
  EXPECT_EQ(ErrorCode(one), "serve.usage");
  HttpResult plain = Curl({"--data-binary", "@" + kKs3 + "/plan.xml", "-H",
                           "Content-Type: application/xml", Url("/v1/import")});
  EXPECT_EQ(plain.status, 415);
  EXPECT_EQ(ErrorCode(plain), "serve.content-type");
}

TEST(ServeUploadLimits, OversizedUploadIs413AndTokensAreChecked) {
  Scratch scratch;
  std::string token_file = scratch / "token";
  std::ofstream(token_file) << "correct-horse-battery-staple\n";
  ServeProcess server({"--token-file", token_file, "--max-body", "65536"});
  ASSERT_GT(server.Port(), 0);
  std::string zip = MakeZip(scratch / "bundle.zip", BundleSpecs());
  const std::string auth = "Authorization: Bearer correct-horse-battery-staple";
  for (const char* path : {"/v1/bundle", "/v1/import", "/v1/assemble", "/v1/lint"}) {
    HttpResult none =
        Curl({"--data-binary", "@" + zip, "-H", "Content-Type: application/zip", server.Url(path)});
    EXPECT_EQ(none.status, 401) << path;
    HttpResult wrong = Curl({"-H", "Authorization: Bearer nope", "--data-binary", "@" + zip, "-H",
                             "Content-Type: application/zip", server.Url(path)});
    EXPECT_EQ(wrong.status, 401) << path;
  }
  // The sample bundle is far over 64 KB.
  HttpResult big = Curl({"-H", auth, "--data-binary", "@" + zip, "-H",
                         "Content-Type: application/zip", server.Url("/v1/bundle")});
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(ErrorCode(big), "http.413");
  HttpResult small = Curl({"-H", auth, "--data-binary", "@" + kKs3 + "/plan.xml", "-H",
                           "Content-Type: application/xml", server.Url("/v1/lint")});
  EXPECT_EQ(small.status, 200);
}

}  // namespace
}  // namespace ehcp
