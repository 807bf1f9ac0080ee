#pragma once

// Starts `ehcp serve` on a free loopback port for an end-to-end test, talks to it with
// curl (an independent client) or a raw socket (for requests curl will not send), and
// stops it with SIGTERM.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/shell_command.h"

namespace ehcp::testing {

class ServeProcess {
 public:
  // Starts `ehcp serve --listen 127.0.0.1:0 ARGS...` and waits for its "listening" line.
  explicit ServeProcess(const std::vector<std::string>& args) {
    log_path_ =
        std::filesystem::temp_directory_path() /
        ("ehcp-serve-test-" + std::to_string(getpid()) + "-" + std::to_string(++Count()) + ".log");
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      int log = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      dup2(log, STDERR_FILENO);
      close(out[0]);
      std::vector<std::string> all{EHCP_BINARY, "serve", "--listen", "127.0.0.1:0"};
      all.insert(all.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (auto& a : all) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(EHCP_BINARY, argv.data());
      _exit(127);
    }
    close(out[1]);
    stdout_ = fdopen(out[0], "r");
    char line[512];
    if (stdout_ != nullptr && fgets(line, sizeof line, stdout_) != nullptr) {
      ready_line_ = line;
      size_t colon = ready_line_.find("127.0.0.1:");
      if (colon != std::string::npos) port_ = std::stoi(ready_line_.substr(colon + 10));
    }
  }
  ~ServeProcess() {
    if (pid_ > 0 && !stopped_) Stop();
    if (stdout_ != nullptr) fclose(stdout_);
    std::filesystem::remove(log_path_);
  }

  int Port() const { return port_; }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  const std::string& ReadyLine() const { return ready_line_; }

  // Sends SIGTERM and returns the exit code (-1 if it did not exit normally).
  int Stop() {
    stopped_ = true;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  std::string Log() const {
    std::ifstream in(log_path_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  static int& Count() {
    static int count = 0;
    return count;
  }
  pid_t pid_ = -1;
  FILE* stdout_ = nullptr;
  int port_ = 0;
  bool stopped_ = false;
  std::string ready_line_;
  std::filesystem::path log_path_;
};

struct HttpResult {
  int status = 0;
  std::string headers;  // as received, lower-cased names
  std::string body;
};

// curl with `args`, the answer's status, headers and body.
inline HttpResult Curl(const std::vector<std::string>& args) {
  static int count = 0;
  std::filesystem::path base =
      std::filesystem::temp_directory_path() /
      ("ehcp-curl-" + std::to_string(getpid()) + "-" + std::to_string(++count));
  std::string body_file = base.string() + ".body", header_file = base.string() + ".headers";
  std::string command = "curl -sS --max-time 60 -o " + ShellQuote(body_file) + " -D " +
                        ShellQuote(header_file) + " -w '%{http_code}'";
  for (const auto& arg : args) command += " " + ShellQuote(arg);
  ShellResult run = RunShell(command);
  HttpResult result;
  try {
    result.status =
        std::stoi(run.output.substr(run.output.size() >= 3 ? run.output.size() - 3 : 0));
  } catch (...) {
    result.status = 0;
  }
  auto read = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  result.body = read(body_file);
  result.headers = read(header_file);
  for (char& c : result.headers) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::filesystem::remove(body_file);
  std::filesystem::remove(header_file);
  return result;
}

// A connected socket to 127.0.0.1:port, or -1.
inline int Connect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Sends `request` raw and reads until the server closes or `seconds` pass.
inline std::string RawExchange(int port, const std::string& request, int seconds = 10) {
  int fd = Connect(port);
  if (fd < 0) return {};
  timeval timeout{seconds, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string answer;
  char buffer[4096];
  ssize_t n;
  while ((n = recv(fd, buffer, sizeof buffer, 0)) > 0)
    answer.append(buffer, static_cast<size_t>(n));
  close(fd);
  return answer;
}

}  // namespace ehcp::testing
