// The Digest answer against the RFCs' own worked examples.

#include "probe/sip/digest.hpp"

#include <doctest/doctest.h>

namespace sip = mra::probe::sip;

TEST_CASE("digest: RFC 2617 §3.5's worked example (MD5, qop auth)") {
    const sip::DigestChallenge challenge{.realm = "testrealm@host.com",
                                         .nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                                         .opaque = "5ccc069c403ebaf9f0171e9517f40e41",
                                         .qop = "auth,auth-int"};
    const auto answer = sip::answer_challenge(challenge, {.user = "Mufasa",
                                                          .password = "Circle Of Life",
                                                          .method = "GET",
                                                          .uri = "/dir/index.html",
                                                          .cnonce = "0a4f113b"});
    REQUIRE(answer.ok());
    CHECK(answer.response == "6629fae49393a05397450978507c4ef1");
    CHECK(answer.header_value ==
          "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
          "uri=\"/dir/index.html\", response=\"6629fae49393a05397450978507c4ef1\", "
          "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", qop=auth, nc=00000001, cnonce=\"0a4f113b\"");
    CHECK(answer.header_value.find("Circle") == std::string::npos);
}

TEST_CASE("digest: RFC 7616 §3.9.1's examples, SHA-256 and MD5") {
    sip::DigestChallenge challenge{.realm = "http-auth@example.org",
                                   .nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
                                   .opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS",
                                   .algorithm = "SHA-256",
                                   .qop = "auth, auth-int"};
    const sip::DigestInput input{.user = "Mufasa",
                                 .password = "Circle of Life",
                                 .method = "GET",
                                 .uri = "/dir/index.html",
                                 .cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"};
    const auto sha256 = sip::answer_challenge(challenge, input);
    REQUIRE(sha256.ok());
    CHECK(sha256.response == "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    CHECK(sha256.header_value.find(", algorithm=SHA-256,") != std::string::npos);
    challenge.algorithm = "MD5";
    const auto md5 = sip::answer_challenge(challenge, input);
    REQUIRE(md5.ok());
    CHECK(md5.response == "8ca523f5e9506fed4657c9700eebdbec");
}

TEST_CASE("digest: -sess, no qop (RFC 2069 form), and what cannot be answered") {
    const sip::DigestInput input{.user = "u", .password = "p", .method = "REGISTER", .uri = "sip:cucm", .cnonce = "c"};
    // RFC 2617 §3.2.2.2: A1 of MD5-sess = H(user:realm:password):nonce:cnonce.
    const auto ha1 = *sip::digest_hash("MD5", "u:r:p");
    const auto sess_ha1 = *sip::digest_hash("MD5", ha1 + ":n:c");
    const auto ha2 = *sip::digest_hash("MD5", "REGISTER:sip:cucm");
    const auto sess =
        sip::answer_challenge({.realm = "r", .nonce = "n", .algorithm = "MD5-sess", .qop = "auth"}, input);
    CHECK(sess.response == *sip::digest_hash("MD5", sess_ha1 + ":n:00000001:c:auth:" + ha2));
    const auto plain = sip::answer_challenge({.realm = "r", .nonce = "n"}, input);
    CHECK(plain.response == *sip::digest_hash("MD5", ha1 + ":n:" + ha2));
    CHECK(plain.header_value.find("qop") == std::string::npos);
    CHECK_FALSE(sip::answer_challenge({.realm = "r", .nonce = "n", .algorithm = "SHA-512-256"}, input).ok());
    CHECK_FALSE(sip::answer_challenge({.realm = "r", .nonce = "n", .qop = "auth-int"}, input).ok());
}
