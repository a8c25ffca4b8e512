// courtside_fuzz_replay TARGET PATH...: runs every file under the paths through a fuzz target
// (compiled without libFuzzer): the committed corpus and the inputs that once crashed are a
// regression test of the normal build. Exits 1 when no input was found: never a vacuous pass.
#include "fuzz_target.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

namespace courtside::fuzz {

static std::map<std::string, Target>& targets() {
    static std::map<std::string, Target> t;
    return t;
}

bool register_target(const char* name, Target fn) {
    targets()[name] = fn;
    return true;
}

}  // namespace courtside::fuzz

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    auto& targets = courtside::fuzz::targets();
    if (argc < 3 || !targets.count(argv[1])) {
        std::fprintf(stderr, "usage: %s TARGET PATH...\ntargets:", argv[0]);
        for (const auto& [name, fn] : targets) std::fprintf(stderr, " %s", name.c_str());
        std::fprintf(stderr, "\n");
        return 2;
    }
    const auto target = targets[argv[1]];
    std::vector<fs::path> files;
    for (int i = 2; i < argc; ++i) {
        if (fs::is_directory(argv[i])) {
            for (const auto& e : fs::recursive_directory_iterator(argv[i]))
                if (e.is_regular_file()) files.push_back(e.path());
        } else if (fs::is_regular_file(argv[i])) {
            files.push_back(argv[i]);
        } else {
            std::fprintf(stderr, "%s: no such file or directory\n", argv[i]);
            return 2;
        }
    }
    std::sort(files.begin(), files.end());
    size_t bytes = 0;
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::string data{std::istreambuf_iterator<char>(in), {}};
        bytes += data.size();
        target(reinterpret_cast<const uint8_t*>(data.data()), data.size());
    }
    const auto& o = courtside::fuzz::outcomes();
    std::printf("%s: %zu inputs (%zu bytes) replayed, no crash; %zu parses succeeded, %zu refused with a clean error\n", argv[1],
                files.size(), bytes, o.ok, o.refused);
    if (o.ok == 0) std::printf("%s: no input parsed: the corpus exercises only the error paths\n", argv[1]);
    return files.empty() || o.ok == 0 ? 1 : 0;
}
