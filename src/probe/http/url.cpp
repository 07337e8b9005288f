#include "probe/http/url.hpp"

#include <curl/curl.h>

#include <charconv>

#include "util/text.hpp"

namespace mra::probe::http {
namespace {

std::optional<std::string> part(CURLU* url, CURLUPart which, unsigned flags = 0) {
    char* value = nullptr;
    if (curl_url_get(url, which, &value, flags) != CURLUE_OK) return std::nullopt;
    std::string text = value;
    curl_free(value);
    return text;
}

}  // namespace

std::string Url::origin() const {
    const std::string name = host.find(':') == std::string::npos ? host : "[" + host + "]";
    return scheme + "://" + name + ":" + std::to_string(port);
}

std::optional<Url> parse_url(std::string_view text) {
    CURLU* handle = curl_url();
    if (!handle) return std::nullopt;
    std::optional<Url> url;
    const std::string copy(text);
    if (curl_url_set(handle, CURLUPART_URL, copy.c_str(), CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK) {
        const auto scheme = part(handle, CURLUPART_SCHEME);
        auto host = part(handle, CURLUPART_HOST);
        const auto port = part(handle, CURLUPART_PORT, CURLU_DEFAULT_PORT);
        const auto path = part(handle, CURLUPART_PATH);
        const auto query = part(handle, CURLUPART_QUERY);
        unsigned number = 0;
        if (scheme && host && port && path && (*scheme == "http" || *scheme == "https") &&
            std::from_chars(port->data(), port->data() + port->size(), number).ec == std::errc() && number > 0 &&
            number <= 65535) {
            if (host->size() > 2 && host->front() == '[') *host = host->substr(1, host->size() - 2);
            url = Url{.scheme = *scheme,
                      .host = lower_case(*host),
                      .port = static_cast<std::uint16_t>(number),
                      .path = *path + (query ? "?" + *query : "")};
        }
    }
    curl_url_cleanup(handle);
    return url;
}

std::string percent_encode(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string encoded;
    for (const unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~') {
            encoded += static_cast<char>(c);
        } else {
            encoded += '%';
            encoded += hex[c >> 4];
            encoded += hex[c & 15];
        }
    }
    return encoded;
}

}  // namespace mra::probe::http
