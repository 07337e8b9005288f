#include "util/domain_name.hpp"

#include <doctest/doctest.h>

#include "util/input_error.hpp"

using mra::validated_domain;

namespace {

std::string refusal(const std::string& input) {
    try {
        validated_domain(input);
    } catch (const mra::InputError& error) {
        return error.what();
    }
    FAIL("accepted: " << input);
    return {};
}

}  // namespace

TEST_CASE("domain: a host name is kept, lower case, without its trailing dot") {
    CHECK(validated_domain("Example.COM.") == "example.com");
    CHECK(validated_domain("a-1.b2.example") == "a-1.b2.example");
    CHECK(validated_domain("localhost") == "localhost");
}

TEST_CASE("domain: labels up to 63 octets and names up to 253 (RFC 1035 §2.3.4)") {
    const std::string label63(63, 'a');
    CHECK(validated_domain(label63 + ".example") == label63 + ".example");
    CHECK(refusal(std::string(64, 'a') + ".example")
              .ends_with("a label of 64 octets, more than the 63 a label may have (RFC 1035 §2.3.4)"));
    // 63 + 1 + 63 + 1 + 63 + 1 + 61 = 253
    const std::string name253 = label63 + "." + label63 + "." + label63 + "." + std::string(61, 'b');
    REQUIRE(name253.size() == 253);
    CHECK(validated_domain(name253) == name253);
    CHECK(refusal(name253 + "b").find("254 octets, more than the 253") != std::string::npos);
    CHECK(refusal(std::string(300, 'a')).find("300 octets") != std::string::npos);
}

TEST_CASE("domain: spaces, empty labels, other characters and hyphens at the ends are refused in one line") {
    CHECK(refusal("ex ample.com") == "DOMAIN 'ex ample.com' is not a valid domain name: it holds a space");
    CHECK(refusal("example..com").ends_with("it has an empty label"));
    CHECK(refusal(".example.com").ends_with("it has an empty label"));
    CHECK(refusal("").ends_with("it is empty"));
    CHECK(refusal(".").ends_with("it is empty"));
    CHECK(
        refusal("exa_mple.com").ends_with("it holds '_': a label has only letters, digits and '-' (RFC 1035 §2.3.1)"));
    CHECK(refusal("-example.com").ends_with("the label '-example' starts or ends with '-' (RFC 1035 §2.3.1)"));
    CHECK(refusal("example-.com").find("starts or ends with '-'") != std::string::npos);
    const std::string broken = refusal("a\nb.example");
    CHECK(broken.find('\n') == std::string::npos);
}

TEST_CASE("domain: an internationalised name becomes its A-label (RFC 5891), or is refused") {
    CHECK(validated_domain("bücher.example") == "xn--bcher-kva.example");
    CHECK(validated_domain("BÜCHER.example") == "xn--bcher-kva.example");
    CHECK(validated_domain("xn--bcher-kva.example") == "xn--bcher-kva.example");
    // U+2764 HEAVY BLACK HEART is DISALLOWED by IDNA2008 (RFC 5892).
    CHECK(refusal("\xe2\x9d\xa4.example").find("not a valid internationalised name") != std::string::npos);
    // Not UTF-8 at all.
    CHECK(refusal("b\xfc"
                  "cher.example")
              .find("not a valid internationalised name") != std::string::npos);
}
