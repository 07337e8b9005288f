#include "util/url_host.hpp"

#include <curl/curl.h>

#include "util/text.hpp"

namespace mra {

std::optional<std::string> http_url_host(std::string_view url) {
    CURLU* handle = curl_url();
    if (!handle) return std::nullopt;
    std::optional<std::string> host;
    const std::string copy(url);
    char* scheme = nullptr;
    char* name = nullptr;
    if (curl_url_set(handle, CURLUPART_URL, copy.c_str(), CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
        curl_url_get(handle, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl_url_get(handle, CURLUPART_HOST, &name, 0) == CURLUE_OK) {
        const std::string scheme_text = lower_case(scheme);
        std::string text = name;
        if (text.size() > 2 && text.front() == '[') text = text.substr(1, text.size() - 2);
        if ((scheme_text == "http" || scheme_text == "https") && !text.empty()) host = lower_case(text);
    }
    curl_free(scheme);
    curl_free(name);
    curl_url_cleanup(handle);
    return host;
}

}  // namespace mra
