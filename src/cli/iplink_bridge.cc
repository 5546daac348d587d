// ip link add ... type bridge (iproute2 ip/iplink_bridge.c): options and `ip -d link` details
#include <cstdio>
#include <cstdlib>

#include "cli/ip_common.h"
#include "net/bridge/br_private.h"
#include "ns3/simulator.h"
#include "net/core/net_namespace.h"

namespace linuxnet {
namespace {

// get_u32/get_u16/get_u8 (lib/utils.c): base 0, the whole word, within range
bool GetUnsigned(const std::string& s, unsigned long max, unsigned long* out) {
  if (s.empty() || s[0] == '-') return false;
  char* end;
  unsigned long v = std::strtoul(s.c_str(), &end, 0);
  if (*end || v > max) return false;
  *out = v;
  return true;
}

// invarg: "Error: argument "ARG" is wrong: MSG", exit 255
int Invarg(CmdCtx& ctx, const std::string& msg, const std::string& arg) {
  ctx.Err("Error: argument \"" + arg + "\" is wrong: " + msg + "\n");
  return 255;
}

// bridge_parse_opt
int BridgeParseOpt(CmdCtx& ctx, const Args& a, BrNewlinkParams* p) {
  for (size_t i = 0; i < a.size(); i++) {
    const std::string& w = a[i];
    struct U32Opt {
      const char* name;
      unsigned long max;
      int64_t* v64;
      int* v;
    } opts[] = {
        {"forward_delay", 0xffffffffUL, &p->forward_delay, nullptr},
        {"hello_time", 0xffffffffUL, &p->hello_time, nullptr},
        {"max_age", 0xffffffffUL, &p->max_age, nullptr},
        {"ageing_time", 0xffffffffUL, &p->ageing_time, nullptr},
        {"stp_state", 0xffffffffUL, nullptr, &p->stp_state},
        {"priority", 0xffffUL, nullptr, &p->priority},
        {"vlan_filtering", 0xffUL, nullptr, &p->vlan_filtering},
        {"group_fwd_mask", 0xffffUL, nullptr, &p->group_fwd_mask},
        {"nf_call_iptables", 0xffUL, nullptr, &p->nf_call_iptables},
        {"nf_call_ip6tables", 0xffUL, nullptr, &p->nf_call_ip6tables},
        {"nf_call_arptables", 0xffUL, nullptr, &p->nf_call_arptables},
    };
    bool done = false;
    for (auto& o : opts) {
      if (!Matches(w, o.name)) continue;
      const std::string* v = NextArg(ctx, a, i);
      if (!v) return 255;
      unsigned long x;
      if (!GetUnsigned(*v, o.max, &x)) return Invarg(ctx, std::string("invalid ") + o.name, *v);
      if (o.v64) *o.v64 = static_cast<int64_t>(x);
      else *o.v = static_cast<int>(x);
      done = true;
      break;
    }
    if (done) continue;
    ctx.Err("bridge: unknown command \"" + w + "\"?\n");
    return 255;
  }
  return 0;
}

int BridgeAdd(CmdCtx& ctx, const LinkOpts& lo, NetNs* net) {
  BrNewlinkParams p;
  int rc = BridgeParseOpt(ctx, lo.kind_args, &p);
  if (rc) return rc;
  p.name = lo.name;
  p.addr = lo.has_addr ? &lo.addr : nullptr;
  p.mtu = lo.has_mtu ? lo.mtu : 0;
  int err = BrDevNewlink(net, p);
  if (err) return RtnlError(ctx, err);
  if (lo.has_qlen) net->DevGetByName(p.name)->tx_queue_len = lo.qlen;
  return 0;
}

// clock_t (1/100 s) of a duration
long long ClockT(ns3::Time t) { return t.GetMilliSeconds() / 10; }

// br_timer_value as iproute2 prints it: "%4i.%.2i"
std::string TimerStr(ns3::Time remaining) {
  long long v = remaining.IsStrictlyPositive() ? ClockT(remaining) : 0;
  char b[32];
  std::snprintf(b, sizeof b, "%4lld.%.2lld", v / 100, v % 100);
  return b;
}

// bridge_print_opt
void BridgePrintOpt(CmdCtx& ctx, NetDev* dev) {
  BridgeDev* br = AsBridge(dev);
  if (!br) return;
  auto n = [](long long v) { return std::to_string(v); };
  // IFLA_BR_VLAN_PROTOCOL, _DEFAULT_PVID, _STATS_*: sent only with CONFIG_BRIDGE_VLAN_FILTERING
  const bool vlan = br->vlgrp != nullptr;
  std::string s;
  s += "forward_delay " + n(ClockT(br->forward_delay)) + " hello_time " + n(ClockT(br->hello_time)) + " max_age " +
       n(ClockT(br->max_age)) + " ageing_time " + n(ClockT(br->ageing_time)) + " stp_state " +
       n(br->stp_enabled) + " priority " + n((br->bridge_id.prio[0] << 8) | br->bridge_id.prio[1]) +
       " vlan_filtering " + n(br->vlan_enabled) + (vlan ? " vlan_protocol 802.1Q" : "") + " bridge_id " + br->bridge_id.Str() + " designated_root " +
       br->designated_root.Str() + " root_port " + n(br->root_port) + " root_path_cost " + n(br->root_path_cost) +
       " topology_change " + n(br->topology_change) + " topology_change_detected " +
       n(br->topology_change_detected) + " hello_timer " +
       TimerStr(br->hello_timer.IsRunning() ? ns3::Simulator::GetDelayLeft(br->hello_timer) : ns3::Time(0)) +
       " tcn_timer " + TimerStr(br->tcn_timer.IsRunning() ? ns3::Simulator::GetDelayLeft(br->tcn_timer) : ns3::Time(0)) +
       " topology_change_timer " +
       TimerStr(br->topology_change_timer.IsRunning() ? ns3::Simulator::GetDelayLeft(br->topology_change_timer)
                                                       : ns3::Time(0)) +
       " gc_timer " + TimerStr(br->gc_work.IsRunning() ? ns3::Simulator::GetDelayLeft(br->gc_work) : ns3::Time(0)) +
       (vlan ? " vlan_default_pvid " + n(br->default_pvid) + " vlan_stats_enabled 0 vlan_stats_per_port 0" : "") +
       " group_fwd_mask " + n(br->group_fwd_mask) + " group_address " + br->group_addr.Str() +
       " mcast_snooping 1 no_linklocal_learn " + n(br->no_ll_learn) +
       " mcast_vlan_snooping 0 mcast_router 1 mcast_query_use_ifaddr 0 mcast_querier 0 mcast_hash_elasticity 16 "
       "mcast_hash_max 4096 mcast_last_member_count 2 mcast_startup_query_count 2 mcast_last_member_interval 100 "
       "mcast_membership_interval 26000 mcast_querier_interval 25500 mcast_query_interval 12500 "
       "mcast_query_response_interval 1000 mcast_startup_query_interval 3124 mcast_stats_enabled 0 "
       "mcast_igmp_version 2 mcast_mld_version 1 nf_call_iptables " + n(br->nf_call_iptables) + " nf_call_ip6tables " +
       n(br->nf_call_ip6tables) + " nf_call_arptables " + n(br->nf_call_arptables);
  ctx.Out(s);
}

// bridge_slave_print_opt (ip/iplink_bridge_slave.c): a bridge port's IFLA_BRPORT_* attributes
void BridgeSlavePrintOpt(CmdCtx& ctx, NetDev* dev) {
  NetBridgePort* p = BrPortGet(dev);
  if (!p) return;
  static const char* const kStates[] = {"disabled", "listening", "learning", "forwarding", "blocking"};
  auto n = [](long long v) { return std::to_string(v); };
  auto onoff = [&](uint32_t flag) { return std::string((p->flags & flag) ? "on" : "off"); };
  auto hex = [](unsigned v) {
    char b[16];
    std::snprintf(b, sizeof b, "0x%x", v);
    return std::string(b);
  };
  auto timer = [](const ns3::EventId& e) { return TimerStr(e.IsRunning() ? ns3::Simulator::GetDelayLeft(e) : ns3::Time(0)); };
  std::string s = std::string("state ") + (p->state <= BR_STATE_BLOCKING ? kStates[p->state] : "unknown") +
                  " priority " + n(p->priority) + " cost " + n(p->path_cost) + " hairpin " + onoff(BR_HAIRPIN_MODE) +
                  " guard " + onoff(BR_BPDU_GUARD) + " root_block " + onoff(BR_ROOT_BLOCK) + " fastleave " +
                  onoff(BR_MULTICAST_FAST_LEAVE) + " learning " + onoff(BR_LEARNING) + " flood " + onoff(BR_FLOOD) +
                  " port_id " + hex(p->port_id) + " port_no " + hex(p->port_no) + " designated_port " +
                  n(p->designated_port) + " designated_cost " + n(p->designated_cost) + " designated_bridge " +
                  p->designated_bridge.Str() + " designated_root " + p->designated_root.Str() + " hold_timer " +
                  timer(p->hold_timer) + " message_age_timer " + timer(p->message_age_timer) +
                  " forward_delay_timer " + timer(p->forward_delay_timer) + " topology_change_ack " +
                  n(p->topology_change_ack) + " config_pending " + n(p->config_pending) + " proxy_arp " +
                  onoff(BR_PROXYARP) + " proxy_arp_wifi " + onoff(BR_PROXYARP_WIFI) + " mcast_router 1 mcast_fast_leave " +
                  onoff(BR_MULTICAST_FAST_LEAVE) + " mcast_flood " + onoff(BR_MCAST_FLOOD) + " bcast_flood " +
                  onoff(BR_BCAST_FLOOD) + " mcast_to_unicast " + onoff(BR_MULTICAST_TO_UNICAST) + " neigh_suppress " +
                  onoff(BR_NEIGH_SUPPRESS) + " group_fwd_mask 0 group_fwd_mask_str 0x0 vlan_tunnel " +
                  onoff(BR_VLAN_TUNNEL) + " isolated " + onoff(BR_ISOLATED) + " locked off ";
  ctx.Out(s);
}

// ip link set BR type bridge OPTIONS → br_changelink
int BridgeChange(CmdCtx& ctx, NetDev* dev, const Args& a) {
  BridgeDev* br = dynamic_cast<BridgeDev*>(dev);
  BrNewlinkParams p;
  int rc = BridgeParseOpt(ctx, a, &p);
  if (rc) return rc;
  if (!br) return RtnlError(ctx, EOPNOTSUPP);
  int err = BrChangeLinkOpts(br, p);
  if (err) return RtnlError(ctx, err);
  return 0;
}

const IpLinkKind kBridge{"bridge", &BridgeAdd, &BridgePrintOpt, &BridgeChange, &BridgeSlavePrintOpt};

struct Registrar {
  Registrar() { RegisterIpLinkKind(&kBridge); }
} registrar;

}  // namespace
}  // namespace linuxnet
