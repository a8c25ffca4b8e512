#include "core/hash.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>
#include <fmt/format.h>

#include <cstring>

namespace courtside::core {

static std::string hex128(XXH128_hash_t h) { return fmt::format("{:016x}{:016x}", h.high64, h.low64); }

std::string content_hash(std::string_view bytes) { return hex128(XXH3_128bits(bytes.data(), bytes.size())); }

Fingerprint::Fingerprint() : state_(XXH3_createState()) { XXH3_128bits_reset(static_cast<XXH3_state_t*>(state_)); }
Fingerprint::~Fingerprint() { XXH3_freeState(static_cast<XXH3_state_t*>(state_)); }

Fingerprint& Fingerprint::add(std::string_view s) {
    auto* st = static_cast<XXH3_state_t*>(state_);
    uint64_t n = s.size();
    const char tag = 's';
    XXH3_128bits_update(st, &tag, 1);
    XXH3_128bits_update(st, &n, sizeof n);
    XXH3_128bits_update(st, s.data(), s.size());
    return *this;
}
Fingerprint& Fingerprint::add(int64_t v) {
    auto* st = static_cast<XXH3_state_t*>(state_);
    const char tag = 'i';
    XXH3_128bits_update(st, &tag, 1);
    XXH3_128bits_update(st, &v, sizeof v);
    return *this;
}
Fingerprint& Fingerprint::add(double v) {
    auto* st = static_cast<XXH3_state_t*>(state_);
    const char tag = 'd';
    if (v == 0.0) v = 0.0;  // -0.0 and 0.0 hash alike
    XXH3_128bits_update(st, &tag, 1);
    XXH3_128bits_update(st, &v, sizeof v);
    return *this;
}
Fingerprint& Fingerprint::add_null() {
    const char tag = 'n';
    XXH3_128bits_update(static_cast<XXH3_state_t*>(state_), &tag, 1);
    return *this;
}
std::string Fingerprint::hex() const { return hex128(XXH3_128bits_digest(static_cast<XXH3_state_t*>(state_))); }

}  // namespace courtside::core
