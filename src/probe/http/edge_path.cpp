#include "probe/http/edge_path.hpp"

#include <botan/base64.h>

namespace mra::probe::http {

std::string path_segment(std::string_view text, Base64Alphabet alphabet) {
    std::string encoded = Botan::base64_encode(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
    while (!encoded.empty() && encoded.back() == '=') encoded.pop_back();
    if (alphabet == Base64Alphabet::url_safe)
        for (char& c : encoded) c = c == '+' ? '-' : c == '/' ? '_' : c;
    return encoded;
}

std::string edge_config_path(std::string_view domain, Base64Alphabet alphabet) {
    return "/" + path_segment(domain, alphabet) + "/get_edge_config?service_name=_cisco-uds&service_name=_cuplogin";
}

std::string tunnel_path(std::string_view domain, std::string_view scheme, std::string_view host, std::uint16_t port,
                        std::string_view resource, Base64Alphabet alphabet) {
    const std::string descriptor =
        std::string(domain) + "/" + std::string(scheme) + "/" + std::string(host) + "/" + std::to_string(port);
    return "/" + path_segment(descriptor, alphabet) + "/" + std::string(resource);
}

}  // namespace mra::probe::http

namespace mra::probe::http {

std::string edge_sso_path(std::string_view domain, std::string_view email_query, Base64Alphabet alphabet) {
    return "/" + path_segment(domain, alphabet) + "/get_edge_sso?email=" + std::string(email_query);
}

}  // namespace mra::probe::http
