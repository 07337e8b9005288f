#include "util/address.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

namespace mra {

bool is_address_literal(const std::string& text) {
    unsigned char buffer[sizeof(in6_addr)];
    return inet_pton(AF_INET, text.c_str(), buffer) == 1 || inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

}  // namespace mra
