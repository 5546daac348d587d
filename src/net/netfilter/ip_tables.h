// net/ipv4/netfilter/ip_tables.c: the rule walker (ipt_do_table) and table replacement
// (do_replace → translate_table → mark_source_chains → check entries).
#pragma once
#include <memory>
#include <string>

#include "net/netfilter/x_tables.h"

namespace linuxnet {

// ipt_do_table: walks the table's blob from the hook's entry point; returns an NF_* verdict
unsigned IptDoTable(SkBuff* skb, const NfHookState* state, XtTable* table);

// The hook function every iptables table registers (iptable_filter_hook and friends)
unsigned IptTableHook(void* priv, SkbPtr& skb, const NfHookState* state);

// do_replace: validates newinfo (offsets, hook entry points, loops, extension checks), computes
// its jump stack size and swaps it in. Returns 0 or -errno (EINVAL, ELOOP, ENOENT); on error the
// table is unchanged.
int IptDoReplace(NetNs* net, const std::string& table, std::unique_ptr<XtTableInfo> newinfo);

// translate_table without the swap (iptables-restore --test and unit tests)
int IptTranslateTable(NetNs* net, const std::string& table, unsigned valid_hooks, XtTableInfo* info);

// ip_packet_match: the ipt_ip part of a rule
bool IpPacketMatch(const Iphdr& ip, const char* indev, const char* outdev, const IptIp* ipinfo, int isfrag);

}  // namespace linuxnet
