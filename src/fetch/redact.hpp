// Keeps secrets (the Odds API key) out of everything courtside writes: URLs lose the values of
// secret query parameters, and any text loses every occurrence of a known secret value.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace courtside::fetch {

class Redactor {
public:
    // Query parameters whose values are secret ("apiKey").
    explicit Redactor(std::vector<std::string> secret_params = {"apiKey", "api_key", "apikey", "token"});
    void add_secret(std::string value);  // a value to blank wherever it appears (ignored when empty)
    // "...?apiKey=abc&x=1" -> "...?apiKey=REDACTED&x=1", then every known secret blanked.
    std::string url(std::string_view url) const;
    std::string text(std::string_view text) const;

private:
    std::vector<std::string> params_, secrets_;
};

}  // namespace courtside::fetch
