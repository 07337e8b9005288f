#include "util/domain_name.hpp"

#include <idn2.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "util/input_error.hpp"
#include "util/one_line.hpp"
#include "util/text.hpp"

namespace mra {
namespace {

constexpr std::size_t max_label = 63;  // RFC 1035 §2.3.4
constexpr std::size_t max_name = 253;  // 255 octets on the wire, less the length octet and the root

bool is_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool is_ldh(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

[[noreturn]] void refuse(std::string_view input, const std::string& why) {
    throw InputError("DOMAIN '" + one_line(input, 80) + "' is not a valid domain name: " + why);
}

// IDNA2008 lookup (RFC 5891 §5) with Unicode normalisation, no transitional UTS #46 mapping: what a
// current resolver library asks for.
std::string a_label_form(std::string_view input, std::string_view name) {
    char* converted = nullptr;
    const std::string text(name);
    const int rc = idn2_to_ascii_8z(text.c_str(), &converted, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
    const std::unique_ptr<char, decltype(&idn2_free)> owned(converted, idn2_free);
    if (rc != IDN2_OK) refuse(input, std::string("not a valid internationalised name (") + idn2_strerror(rc) + ")");
    return owned.get();
}

}  // namespace

std::string validated_domain(std::string_view input) {
    std::string_view name = input;
    if (name.size() > 1 && name.back() == '.') name.remove_suffix(1);
    if (name.empty() || name == ".") refuse(input, "it is empty");
    if (name.find('\0') != std::string_view::npos) refuse(input, "it holds a NUL character");
    const std::string ascii = is_ascii(name) ? std::string(name) : a_label_form(input, name);

    std::size_t start = 0;
    while (true) {
        const std::size_t end = std::min(ascii.find('.', start), ascii.size());
        const std::string_view label = std::string_view(ascii).substr(start, end - start);
        if (label.empty()) refuse(input, "it has an empty label");
        if (label.size() > max_label)
            refuse(input, "a label of " + std::to_string(label.size()) + " octets, more than the " +
                              std::to_string(max_label) + " a label may have (RFC 1035 §2.3.4)");
        if (const auto bad = std::find_if_not(label.begin(), label.end(), is_ldh); bad != label.end())
            refuse(input, *bad == ' ' ? std::string("it holds a space")
                                      : "it holds '" + one_line(std::string(1, *bad)) +
                                            "': a label has only letters, digits and '-' (RFC 1035 §2.3.1)");
        if (label.front() == '-' || label.back() == '-')
            refuse(input, "the label '" + std::string(label) + "' starts or ends with '-' (RFC 1035 §2.3.1)");
        if (end == ascii.size()) break;
        start = end + 1;
    }
    if (ascii.size() > max_name)
        refuse(input, std::to_string(ascii.size()) + " octets, more than the " + std::to_string(max_name) +
                          " a domain name may have (RFC 1035 §2.3.4)");
    return lower_case(ascii);
}

}  // namespace mra
