// net/netfilter/nf_conntrack_core.c: per-namespace connection tracking state
#pragma once

namespace linuxnet {

struct CtNet {};

}  // namespace linuxnet
