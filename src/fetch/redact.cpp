#include "fetch/redact.hpp"

namespace courtside::fetch {

Redactor::Redactor(std::vector<std::string> secret_params) : params_(std::move(secret_params)) {}

void Redactor::add_secret(std::string value) {
    if (!value.empty()) secrets_.push_back(std::move(value));
}

std::string Redactor::url(std::string_view u) const {
    std::string out(u);
    auto q = out.find('?');
    if (q != std::string::npos) {
        size_t pos = q + 1;
        while (pos < out.size()) {
            size_t amp = out.find('&', pos);
            size_t end = amp == std::string::npos ? out.size() : amp;
            size_t eq = out.find('=', pos);
            if (eq != std::string::npos && eq < end) {
                std::string name = out.substr(pos, eq - pos);
                for (const auto& p : params_)
                    if (name == p) {
                        out.replace(eq + 1, end - eq - 1, "REDACTED");
                        end = eq + 1 + 8;
                        break;
                    }
            }
            pos = end + 1;
        }
    }
    return text(out);
}

std::string Redactor::text(std::string_view t) const {
    std::string out(t);
    for (const auto& s : secrets_)
        for (size_t at = out.find(s); at != std::string::npos; at = out.find(s, at + 8)) out.replace(at, s.size(), "REDACTED");
    return out;
}

}  // namespace courtside::fetch
