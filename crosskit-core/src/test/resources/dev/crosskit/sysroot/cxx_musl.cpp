// C++ on a musl target, compiled and linked with crosskit's C++ toolchain: exceptions from a
// static library, RTTI, threads, std::regex, iostreams, std::filesystem. Prints "cxx ok ...".
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <typeinfo>
#include <unistd.h>
#include <vector>

int lib_registered();
int lib_parse(const std::string &s);

int main() {
  int caught = 0;
  for (const char *s : {"12", "x1", ""}) {
    try {
      caught += lib_parse(s);
    } catch (const std::runtime_error &e) {
      caught += 100 * (std::string(e.what()).rfind("not a number", 0) == 0);
    }
  }
  std::mutex m;
  long sum = 0;
  std::atomic<bool> flag{false};
  std::vector<std::thread> ts;
  for (int t = 1; t <= 4; t++) {
    ts.emplace_back([&, t] {
      for (int i = 0; i < 1000; i++) {
        std::lock_guard<std::mutex> g(m);
        sum += t;
      }
      flag.exchange(true);
    });
  }
  for (auto &t : ts) t.join();
  std::smatch match;
  std::string text = "id=2024";
  bool re = std::regex_search(text, match, std::regex(R"(id=(\d+))")) && match[1] == "2024";
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("ck-cxx-" + std::to_string(getpid()));
  fs::create_directories(dir);
  { std::ofstream(dir / "f.txt") << "hello\n"; }
  auto size = fs::file_size(dir / "f.txt");
  fs::remove_all(dir);
  std::ostringstream out;
  out << "cxx ok registered=" << lib_registered() << " caught=" << caught << " sum=" << sum << " flag=" << flag.load()
      << " regex=" << re << " fs=" << size << " rtti=" << (typeid(std::runtime_error) == typeid(std::runtime_error));
  std::cout << out.str() << std::endl;
  return 0;
}
