#pragma once
// Botan objects → plain facts (src/facts/certificate.hpp). Never throws for a certificate that
// Botan decoded: a field that cannot be read is left empty.

#include <botan/pk_keys.h>
#include <botan/pkcs10.h>
#include <botan/x509cert.h>

#include "facts/certificate.hpp"

namespace mra::x509 {

facts::Certificate describe(const Botan::X509_Certificate& cert);
facts::PrivateKey describe(const Botan::Private_Key& key);
facts::CertificateRequest describe(const Botan::PKCS10_Request& request);

}  // namespace mra::x509
