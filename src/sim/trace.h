// The kernel functions the model names, for the cost and trace hook (KFunc in sim/host.h): every
// modelled function calls it once with its id; the Host charges the function's CPU cost (a table,
// zero until a timing model fills it) and, when tracing is on, prints the function name with the
// packet, like pwru on a real machine.
#pragma once
#include <cstdint>

namespace linuxnet {

#define LINUXNET_KFUNCS(X)                                                                    \
  X(netif_rx) X(net_rx_action) X(netif_receive_skb) X(__netif_receive_skb_core)              \
  X(deliver_ptype_list_skb) X(dev_queue_xmit) X(veth_xmit) X(loopback_xmit)                  \
  X(ip_rcv) X(ip_rcv_finish) X(ip_route_input_noref) X(ip_local_deliver)                     \
  X(ip_local_deliver_finish) X(ip_forward) X(ip_forward_finish) X(ip_error)                   \
  X(ip_queue_xmit) X(ip_local_out) X(ip_output) X(ip_finish_output) X(ip_finish_output2)     \
  X(neigh_resolve_output) X(arp_rcv) X(arp_process) X(arp_solicit) X(icmp_rcv) X(icmp_send)  \
  X(icmp_echo) X(raw_local_deliver) X(nf_hook_slow) X(ipt_do_table) X(kfree_skb)             \
  X(udp_rcv) X(tcp_v4_rcv) X(ip_route_output_key) X(br_handle_frame)                       \
  X(br_handle_frame_finish) X(br_pass_frame_up) X(br_forward) X(br_flood) X(br_dev_xmit)    \
  X(macvlan_handle_frame) X(macvlan_broadcast) X(macvlan_start_xmit) X(tap_handle_frame)     \
  X(ipvlan_handle_frame) X(ipvlan_start_xmit) X(nf_conntrack_in) X(nf_nat_ipv4_fn) X(ipt_rule)     \
  X(llc_rcv) X(br_stp_rcv) X(br_send_bpdu) X(br_allowed_ingress) X(br_handle_vlan)         \
  X(udp_sendmsg) X(udp_recvmsg) X(tcp_transmit_skb) X(raw_sendmsg) X(udp_mt) X(tcp_mt)         \
  X(do_select) X(e1000_intr) X(e1000_irq_enable) X(e1000_clean) X(e1000_clean_rx_irq)             \
  X(e1000_clean_tx_irq) X(e1000_alloc_rx_buffers) X(e1000_xmit_frame) X(napi_gro_receive)      \
  X(pfifo_fast_enqueue) X(pfifo_fast_dequeue) X(net_tx_action) X(dev_gro_receive)           \
  X(inet_gro_receive) X(tcp4_gro_receive) X(napi_gro_complete) X(skb_gso_segment)

// ipt_rule: one rule crossed inside ipt_do_table (the per-rule cost); udp_mt / tcp_mt: the
// xt_tcpudp match of a rule evaluated (a `--dport` rule costs this on top of ipt_rule); do_select:
// a process's select() system call (iperf3's main loop calls one per turn)
enum KFn : uint16_t {
#define X(n) KF_##n,
  LINUXNET_KFUNCS(X)
#undef X
  KF_COUNT
};

const char* KFnName(KFn f);

}  // namespace linuxnet
