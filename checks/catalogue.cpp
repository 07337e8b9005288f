// The catalogue: every check of this build, in the order reports list them. Adding a check is its
// file under checks/<group>/, a line here, and its test.

#include "core/registry.hpp"

namespace mra {
namespace checks {
extern const Check cert_parse, cert_chain_order, cert_chain_complete, cert_chain_trusted, cert_expiry,
    cert_validity_period, cert_signature_hash, cert_key_strength, cert_eku, cert_hostname, cert_edge_domain,
    cert_srvname, cert_xmppaddr, cert_wildcard, cert_san_length, cert_subject_oids, cert_revocation_urls,
    cert_key_match, cert_csr, cert_renewal_names, cert_cluster_consistency, dns_resolver, dns_collab_edge,
    dns_collab_edge_port, dns_cisco_uds_private, dns_cuplogin_private, dns_cisco_uds_internal, dns_collab_edge_internal,
    dns_srv_target, dns_sips, dns_public_address, edge_https, edge_config, edge_services, edge_user_uds,
    edge_peer_names, edge_sip_servers, edge_xmpp_servers, edge_tftp_servers, edge_clock, uds_version, uds_cluster_user,
    uds_servers, uds_user, uds_devices, tftp_device_config, tftp_service_profile, tftp_jabber_config, tftp_dial_rules,
    edge_allow_list, sip_tls, sip_options, sip_register_challenge, sip_service, xmpp_starttls, xmpp_identity,
    turn_binding, probe_bounds;
}  // namespace checks

const Registry& catalogue() {
    // In the order of the client's path: discovery, the certificates it is shown, the connection,
    // signing in, UDS and the TFTP files, then SIP, XMPP and TURN.
    static const Registry registry = [] {
        Registry all;
        for (const Check* check : {&checks::dns_resolver,
                                   &checks::dns_collab_edge,
                                   &checks::dns_collab_edge_port,
                                   &checks::dns_cisco_uds_private,
                                   &checks::dns_cuplogin_private,
                                   &checks::dns_cisco_uds_internal,
                                   &checks::dns_collab_edge_internal,
                                   &checks::dns_srv_target,
                                   &checks::dns_sips,
                                   &checks::dns_public_address,
                                   &checks::cert_parse,
                                   &checks::cert_chain_order,
                                   &checks::cert_chain_complete,
                                   &checks::cert_chain_trusted,
                                   &checks::cert_expiry,
                                   &checks::cert_validity_period,
                                   &checks::cert_signature_hash,
                                   &checks::cert_key_strength,
                                   &checks::cert_eku,
                                   &checks::cert_hostname,
                                   &checks::cert_edge_domain,
                                   &checks::cert_srvname,
                                   &checks::cert_xmppaddr,
                                   &checks::cert_wildcard,
                                   &checks::cert_san_length,
                                   &checks::cert_subject_oids,
                                   &checks::cert_revocation_urls,
                                   &checks::cert_key_match,
                                   &checks::cert_csr,
                                   &checks::cert_renewal_names,
                                   &checks::cert_cluster_consistency,
                                   &checks::edge_https,
                                   &checks::edge_config,
                                   &checks::edge_services,
                                   &checks::edge_user_uds,
                                   &checks::edge_peer_names,
                                   &checks::edge_sip_servers,
                                   &checks::edge_xmpp_servers,
                                   &checks::edge_tftp_servers,
                                   &checks::edge_clock,
                                   &checks::uds_version,
                                   &checks::uds_cluster_user,
                                   &checks::uds_servers,
                                   &checks::uds_user,
                                   &checks::uds_devices,
                                   &checks::tftp_device_config,
                                   &checks::tftp_service_profile,
                                   &checks::tftp_jabber_config,
                                   &checks::tftp_dial_rules,
                                   &checks::edge_allow_list,
                                   &checks::sip_tls,
                                   &checks::sip_options,
                                   &checks::sip_register_challenge,
                                   &checks::sip_service,
                                   &checks::xmpp_starttls,
                                   &checks::xmpp_identity,
                                   &checks::turn_binding,
                                   &checks::probe_bounds})
            all.add(*check);
        return all;
    }();
    return registry;
}

}  // namespace mra
