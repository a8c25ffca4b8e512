// Content hashes (xxHash XXH3-128) for source files and partition fingerprints.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace courtside::core {

std::string content_hash(std::string_view bytes);  // 32 hex chars

// Incremental fingerprint over typed fields; field boundaries are part of the hash.
class Fingerprint {
public:
    Fingerprint();
    ~Fingerprint();
    Fingerprint(const Fingerprint&) = delete;
    Fingerprint& operator=(const Fingerprint&) = delete;

    Fingerprint& add(std::string_view s);
    Fingerprint& add(int64_t v);
    Fingerprint& add(double v);
    Fingerprint& add_null();
    template <class T>
    Fingerprint& add(const std::optional<T>& v) { return v ? add(*v) : add_null(); }
    std::string hex() const;

private:
    void* state_;
};

}  // namespace courtside::core
