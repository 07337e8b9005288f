#include "util/text.hpp"

#include <doctest/doctest.h>

TEST_CASE("case folding is ASCII only, whatever the locale") {
    CHECK(mra::upper_case("not_run é") == "NOT_RUN é");
    CHECK(mra::lower_case("EXPE1.Example.COM") == "expe1.example.com");
}

TEST_CASE("printable UTF-8: invalid sequences and control characters become U+FFFD, line breaks and tabs stay") {
    const std::string replacement = "\xEF\xBF\xBD";
    CHECK(mra::printable_utf8("a\tb\nc\rd") == "a\tb\nc\rd");
    CHECK(mra::printable_utf8(std::string("x\x01y\x7fz", 5)) == "x" + replacement + "y" + replacement + "z");
    CHECK(mra::printable_utf8(std::string("nul\0", 4)) == "nul" + replacement);
    CHECK(mra::printable_utf8("caf\xc3\xa9 \xff") == "caf\xc3\xa9 " + replacement);
}
