// Unit tests of the x_tables blob walker (IptDoTable): verdicts, jumps with the jump stack,
// RETURN, goto, policies, per-rule and per-policy counters, ipt_ip inversion and wildcards,
// matches, and table replacement (loops refused, atomic restore).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <iterator>

#include "cli/cmd.h"
#include "cli/iptables_lib.h"
#include "net/netfilter/ip_tables.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "sim/addr.h"
#include "net/core/net_namespace.h"
#include "world/world.h"

using namespace linuxnet;

namespace {

class IptTest : public ::testing::Test {
 protected:
  void SetUp() override { net = w.CreateNetNs("t").operator->(); }
  void TearDown() override { ns3::Simulator::Destroy(); }

  int Run(const std::vector<std::string>& argv, const std::string& in = "") {
    CmdCtx ctx;
    ctx.user = w.userland();
    ctx.net = net;
    ctx.in = in;
    CmdFn fn = FindCommand(argv[0]);
    EXPECT_NE(fn, nullptr) << argv[0];
    int rc = fn(ctx, argv);
    out = ctx.out;
    err = ctx.err;
    return rc;
  }
  int Restore(const std::string& text, std::vector<std::string> opts = {}) {
    std::vector<std::string> argv{"iptables-restore"};
    argv.insert(argv.end(), opts.begin(), opts.end());
    return Run(argv, text);
  }

  // An ICMP echo request from src to dst, 84 bytes of IP, as it reaches a hook
  SkbPtr Echo(const char* src, const char* dst, uint8_t type = 8) {
    uint8_t buf[64] = {};
    buf[0] = type;
    SkbPtr skb = AllocSkb(net->host, ns3::Create<ns3::Packet>(buf, sizeof(buf)));
    IpParse(src, &skb->iph.saddr);
    IpParse(dst, &skb->iph.daddr);
    skb->iph.protocol = IPPROTO_ICMP_;
    skb->iph.tot_len = 84;
    skb->iph.ttl = 64;
    skb->protocol = ETH_P_IP;
    skb->PushNet();
    return skb;
  }

  unsigned Hook(SkBuff* skb, uint8_t hook = NF_INET_LOCAL_IN, NetDev* in = nullptr, NetDev* outdev = nullptr,
                const char* table = "filter") {
    NfHookState st;
    st.hook = hook;
    st.pf = NF_FAM_IPV4;
    st.in = in;
    st.out = outdev;
    st.net = net;
    return IptDoTable(skb, &st, XtFindTableLock(net, table));
  }

  std::string Save() {
    Run({"iptables-save", "-c"});
    std::string r;
    size_t p = 0;
    while (p < out.size()) {  // drop the two time-stamped comment lines
      size_t q = out.find('\n', p);
      std::string l = out.substr(p, q - p + 1);
      if (l[0] != '#') r += l;
      p = q + 1;
    }
    return r;
  }

  World w;
  NetNs* net = nullptr;
  std::string out, err;
};

TEST_F(IptTest, EmptyTableAcceptsAndCountsPolicy) {
  SkbPtr s = Echo("10.0.0.1", "10.0.0.2");
  EXPECT_EQ(Hook(s.get()), NF_ACCEPT);
  EXPECT_EQ(Save(), "*filter\n:INPUT ACCEPT [1:84]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n");
}

TEST_F(IptTest, PolicyDrop) {
  ASSERT_EQ(Run({"iptables", "-P", "INPUT", "DROP"}), 0) << err;
  SkbPtr s = Echo("10.0.0.1", "10.0.0.2");
  EXPECT_EQ(Hook(s.get()), NF_DROP);
  EXPECT_EQ(Hook(s.get(), NF_INET_LOCAL_OUT), NF_ACCEPT);
  EXPECT_NE(Save().find(":INPUT DROP [1:84]"), std::string::npos);
}

// The chains of oracle scenario 04: jumps, RETURN, goto, a nested jump, a DROP policy
const char* kChains =
    "*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
    ":SCREEN - [0:0]\n:TRUSTED - [0:0]\n:LOGDROP - [0:0]\n"
    "-A INPUT -i lo -j ACCEPT\n-A INPUT -p icmp -j SCREEN\n-A INPUT -s 10.0.0.11/32 -j ACCEPT\n"
    "-A SCREEN -s 10.0.0.12/32 -g LOGDROP\n-A SCREEN -s 10.0.0.0/28 -j TRUSTED\n-A SCREEN -j RETURN\n"
    "-A TRUSTED -s 10.0.0.1/32 -j ACCEPT\n-A TRUSTED -p icmp --icmp-type echo-request -j RETURN\n"
    "-A LOGDROP -j DROP\nCOMMIT\n";

TEST_F(IptTest, JumpsReturnGotoAndCounters) {
  ASSERT_EQ(Restore(kChains), 0) << err;
  SkbPtr a = Echo("10.0.0.1", "10.0.0.2");    // INPUT → SCREEN → TRUSTED: ACCEPT
  SkbPtr b = Echo("10.0.0.11", "10.0.0.2");   // → TRUSTED RETURN → SCREEN RETURN → INPUT rule 3 ACCEPT
  SkbPtr c = Echo("10.0.0.12", "10.0.0.2");   // → goto LOGDROP → DROP
  SkbPtr d = Echo("10.0.0.99", "10.0.0.2");   // → SCREEN RETURN → policy DROP
  SkbPtr e = Echo("10.0.0.11", "10.0.0.2", 0);  // echo reply: TRUSTED falls off its end → RETURN
  EXPECT_EQ(Hook(a.get()), NF_ACCEPT);
  EXPECT_EQ(Hook(b.get()), NF_ACCEPT);
  EXPECT_EQ(Hook(c.get()), NF_DROP);
  EXPECT_EQ(Hook(d.get()), NF_DROP);
  EXPECT_EQ(Hook(e.get()), NF_ACCEPT);
  EXPECT_EQ(Save(),
            "*filter\n:INPUT DROP [1:84]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:LOGDROP - [0:0]\n"
            ":SCREEN - [0:0]\n:TRUSTED - [0:0]\n"
            "[0:0] -A INPUT -i lo -j ACCEPT\n[5:420] -A INPUT -p icmp -j SCREEN\n"
            "[2:168] -A INPUT -s 10.0.0.11/32 -j ACCEPT\n[1:84] -A LOGDROP -j DROP\n"
            "[1:84] -A SCREEN -s 10.0.0.12/32 -g LOGDROP\n[3:252] -A SCREEN -s 10.0.0.0/28 -j TRUSTED\n"
            "[3:252] -A SCREEN -j RETURN\n[1:84] -A TRUSTED -s 10.0.0.1/32 -j ACCEPT\n"
            "[1:84] -A TRUSTED -p icmp -m icmp --icmp-type 8 -j RETURN\nCOMMIT\n");
}

TEST_F(IptTest, GotoReturnsToTheCallerOfTheCaller) {
  // INPUT → A (jump) → goto B → B returns: back to INPUT after the jump into A, not into A
  ASSERT_EQ(Restore("*filter\n:INPUT ACCEPT [0:0]\n:A - [0:0]\n:B - [0:0]\n"
                    "-A INPUT -j A\n-A INPUT -j DROP\n-A A -g B\n-A A -j ACCEPT\n-A B -j RETURN\nCOMMIT\n"),
            0)
      << err;
  SkbPtr s = Echo("1.1.1.1", "2.2.2.2");
  EXPECT_EQ(Hook(s.get()), NF_DROP);
  // with -j instead of -g, B's RETURN lands in A, which accepts
  ASSERT_EQ(Run({"iptables", "-R", "A", "1", "-j", "B"}), 0) << err;
  SkbPtr t = Echo("1.1.1.1", "2.2.2.2");
  EXPECT_EQ(Hook(t.get()), NF_ACCEPT);
}

TEST_F(IptTest, ReturnFromBuiltinChainAppliesPolicy) {
  ASSERT_EQ(Run({"iptables", "-P", "INPUT", "DROP"}), 0);
  ASSERT_EQ(Run({"iptables", "-A", "INPUT", "-j", "RETURN"}), 0);
  ASSERT_EQ(Run({"iptables", "-A", "INPUT", "-j", "ACCEPT"}), 0);
  SkbPtr s = Echo("1.1.1.1", "2.2.2.2");
  EXPECT_EQ(Hook(s.get()), NF_DROP);
}

TEST_F(IptTest, DeepJumpChainsUseTheJumpStack) {
  std::string r = "*filter\n:INPUT DROP [0:0]\n";
  for (int i = 0; i < 10; i++) r += ":C" + std::to_string(i) + " - [0:0]\n";
  r += "-A INPUT -j C0\n-A INPUT -j ACCEPT\n";
  for (int i = 0; i < 9; i++) r += "-A C" + std::to_string(i) + " -j C" + std::to_string(i + 1) + "\n";
  r += "COMMIT\n";
  ASSERT_EQ(Restore(r), 0) << err;
  SkbPtr s = Echo("1.1.1.1", "2.2.2.2");
  EXPECT_EQ(Hook(s.get()), NF_ACCEPT);  // unwinds all ten chains back to INPUT rule 2
}

TEST_F(IptTest, AddressInversionAndMasks) {
  ASSERT_EQ(Run({"iptables", "-A", "INPUT", "!", "-s", "10.0.0.0/8", "-j", "DROP"}), 0) << err;
  ASSERT_EQ(Run({"iptables", "-A", "INPUT", "-d", "10.1.0.0/255.255.0.0", "-j", "DROP"}), 0) << err;
  SkbPtr a = Echo("10.9.9.9", "10.2.0.1");
  SkbPtr b = Echo("192.168.0.1", "10.2.0.1");
  SkbPtr c = Echo("10.9.9.9", "10.1.2.3");
  EXPECT_EQ(Hook(a.get()), NF_ACCEPT);
  EXPECT_EQ(Hook(b.get()), NF_DROP);
  EXPECT_EQ(Hook(c.get()), NF_DROP);
}

TEST_F(IptTest, ProtocolAndIcmpTypeMatch) {
  ASSERT_EQ(Run({"iptables", "-A", "INPUT", "-p", "icmp", "!", "--icmp-type", "echo-request", "-j", "DROP"}), 0)
      << err;
  ASSERT_EQ(Run({"iptables", "-A", "INPUT", "!", "-p", "icmp", "-j", "DROP"}), 0) << err;
  SkbPtr req = Echo("1.1.1.1", "2.2.2.2", 8);
  SkbPtr rep = Echo("1.1.1.1", "2.2.2.2", 0);
  SkbPtr udp = Echo("1.1.1.1", "2.2.2.2");
  udp->iph.protocol = IPPROTO_UDP_;
  EXPECT_EQ(Hook(req.get()), NF_ACCEPT);
  EXPECT_EQ(Hook(rep.get()), NF_DROP);
  EXPECT_EQ(Hook(udp.get()), NF_DROP);
}

TEST_F(IptTest, FragmentFlag) {
  ASSERT_EQ(Run({"iptables", "-A", "INPUT", "-f", "-j", "DROP"}), 0) << err;
  SkbPtr first = Echo("1.1.1.1", "2.2.2.2");
  first->iph.frag_off = IP_MF;
  SkbPtr later = Echo("1.1.1.1", "2.2.2.2");
  later->iph.frag_off = 100;
  EXPECT_EQ(Hook(first.get()), NF_ACCEPT);
  EXPECT_EQ(Hook(later.get()), NF_DROP);
}

TEST_F(IptTest, InterfaceWildcardAndInversion) {
  std::vector<std::string> link{"ip", "link", "add", "veth7", "type", "veth", "peer", "name", "vx0"};
  ASSERT_EQ(Run(link), 0) << err;
  NetDev* v7 = net->DevGetByName("veth7");
  NetDev* vx = net->DevGetByName("vx0");
  ASSERT_TRUE(v7 && vx);
  ASSERT_EQ(Run({"iptables", "-A", "INPUT", "-i", "veth+", "-j", "DROP"}), 0) << err;
  ASSERT_EQ(Run({"iptables", "-A", "FORWARD", "!", "-o", "vx0", "-j", "DROP"}), 0) << err;
  SkbPtr s = Echo("1.1.1.1", "2.2.2.2");
  EXPECT_EQ(Hook(s.get(), NF_INET_LOCAL_IN, v7), NF_DROP);
  EXPECT_EQ(Hook(s.get(), NF_INET_LOCAL_IN, vx), NF_ACCEPT);
  EXPECT_EQ(Hook(s.get(), NF_INET_FORWARD, v7, vx), NF_ACCEPT);
  EXPECT_EQ(Hook(s.get(), NF_INET_FORWARD, vx, v7), NF_DROP);
}

TEST_F(IptTest, MarkTargetAndMatch) {
  ASSERT_EQ(Run({"iptables", "-A", "INPUT", "-s", "1.1.1.1", "-j", "MARK", "--set-mark", "0x5"}), 0) << err;
  ASSERT_EQ(Run({"iptables", "-A", "INPUT", "-m", "mark", "--mark", "0x5", "-j", "DROP"}), 0) << err;
  SkbPtr a = Echo("1.1.1.1", "2.2.2.2");
  SkbPtr b = Echo("1.1.1.2", "2.2.2.2");
  EXPECT_EQ(Hook(a.get()), NF_DROP);
  EXPECT_EQ(a->mark, 5u);
  EXPECT_EQ(Hook(b.get()), NF_ACCEPT);
}

TEST_F(IptTest, LimitIsATokenBucketInVirtualTime) {
  ASSERT_EQ(Run({"iptables", "-A", "INPUT", "-m", "limit", "--limit", "1/sec", "--limit-burst", "2", "-j", "ACCEPT"}), 0)
      << err;
  ASSERT_EQ(Run({"iptables", "-A", "INPUT", "-j", "DROP"}), 0) << err;
  SkbPtr s = Echo("1.1.1.1", "2.2.2.2");
  EXPECT_EQ(Hook(s.get()), NF_ACCEPT);
  EXPECT_EQ(Hook(s.get()), NF_ACCEPT);
  EXPECT_EQ(Hook(s.get()), NF_DROP);  // the burst is spent
  unsigned v = 0;
  ns3::Simulator::Schedule(ns3::Seconds(1.1), [&] { v = Hook(s.get()); });
  ns3::Simulator::Run();
  EXPECT_EQ(v, NF_ACCEPT);  // one token back after a second
}

TEST_F(IptTest, StateWithoutConntrackIsInvalid) {
  ASSERT_EQ(Run({"iptables", "-A", "INPUT", "-m", "conntrack", "--ctstate", "INVALID", "-j", "DROP"}), 0) << err;
  SkbPtr s = Echo("1.1.1.1", "2.2.2.2");
  EXPECT_EQ(XtCtState(*s), XT_CT_INVALID);
  EXPECT_EQ(Hook(s.get()), NF_DROP);
}

TEST_F(IptTest, LogWritesTheKernelFormat) {
  ASSERT_EQ(Run({"iptables", "-A", "OUTPUT", "-j", "LOG", "--log-prefix", "OUT: "}), 0) << err;
  SkbPtr s = Echo("10.0.0.1", "10.0.0.2");
  s->iph.id = 7;
  s->iph.frag_off = IP_DF;
  // outside the initial namespace LOG is silent unless net.netfilter.nf_log_all_netns=1
  EXPECT_EQ(Hook(s.get(), NF_INET_LOCAL_OUT), NF_ACCEPT);
  Run({"dmesg"});
  EXPECT_EQ(out, "");
  XtKernelLog(net)->nf_log_all_netns = 1;
  EXPECT_EQ(Hook(s.get(), NF_INET_LOCAL_OUT), NF_ACCEPT);
  Run({"dmesg"});
  EXPECT_EQ(out,
            "[    0.000000] OUT: IN= OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=7 DF "
            "PROTO=ICMP TYPE=8 CODE=0 ID=0 SEQ=0 \n");
}

TEST_F(IptTest, LoopFromABuiltinChainIsRefusedAtCommit) {
  ASSERT_EQ(Run({"iptables", "-A", "INPUT", "-j", "ACCEPT"}), 0);
  std::string before = Save();
  EXPECT_EQ(Restore("*filter\n:INPUT ACCEPT [0:0]\n:A - [0:0]\n:B - [0:0]\n"
                    "-A INPUT -j A\n-A A -j B\n-A B -j A\nCOMMIT\n"),
            1);
  EXPECT_EQ(err, "iptables-restore: line 8 failed\n");
  EXPECT_EQ(Save(), before);  // nothing applied
  // the same loop not reachable from a hook is accepted, as mark_source_chains only walks hooks
  EXPECT_EQ(Restore("*filter\n:INPUT ACCEPT [0:0]\n:A - [0:0]\n:B - [0:0]\n-A A -j B\n-A B -j A\nCOMMIT\n"), 0)
      << err;
  EXPECT_EQ(Run({"iptables", "-A", "INPUT", "-j", "A"}), 1);
  EXPECT_EQ(err, "iptables: Too many levels of symbolic links.\n");
}

TEST_F(IptTest, RestoreIsAtomicPerTable) {
  EXPECT_EQ(Restore("*filter\n:INPUT DROP [0:0]\n-A INPUT -j ACCEPT\n-A INPUT -j NOSUCH\nCOMMIT\n"), 2);
  EXPECT_EQ(err,
            "iptables-restore v1.8.9 (legacy): Couldn't load target `NOSUCH':No such file or directory\n\n"
            "Error occurred at line: 4\n"
            "Try `iptables-restore -h' or 'iptables-restore --help' for more information.\n");
  EXPECT_EQ(Save(), "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n");
  EXPECT_EQ(Restore("*filter\n-A INPUT -j ACCEPT\n"), 1);
  EXPECT_EQ(err, "iptables-restore: COMMIT expected at line 3\n");
}

TEST_F(IptTest, RestoreCountersAndNoflush) {
  ASSERT_EQ(Restore("*filter\n:INPUT DROP [5:600]\n:FOO - [0:0]\n[3:120] -A INPUT -j FOO\n-A FOO -j ACCEPT\nCOMMIT\n",
                    {"-c"}),
            0)
      << err;
  ASSERT_EQ(Restore("*filter\n-A INPUT -j ACCEPT\nCOMMIT\n", {"-n"}), 0) << err;
  std::string s = Save();
  // libiptc writes builtin policy counters back "zeroed" unless a policy line sets them: the
  // real iptables-restore -n shows [0:0] here
  EXPECT_NE(s.find(":INPUT DROP [0:0]\n"), std::string::npos) << s;
  EXPECT_NE(s.find("[3:120] -A INPUT -j FOO\n[0:0] -A INPUT -j ACCEPT\n[0:0] -A FOO -j ACCEPT\n"), std::string::npos) << s;
  ASSERT_EQ(Run({"iptables", "-Z"}), 0);
  EXPECT_NE(Save().find("[0:0] -A INPUT -j FOO"), std::string::npos);
}

TEST_F(IptTest, TablesRegisterTheirHooksAtKernelPriorities) {
  XtFindTableLock(net, "security");
  XtFindTableLock(net, "filter");
  XtFindTableLock(net, "mangle");
  const auto& in = net->nf->hooks[NF_FAM_IPV4][NF_INET_LOCAL_IN];
  ASSERT_EQ(in.size(), 3u);
  EXPECT_EQ(in[0].priority, NF_IP_PRI_MANGLE);
  EXPECT_EQ(in[1].priority, NF_IP_PRI_FILTER);
  EXPECT_EQ(in[2].priority, NF_IP_PRI_SECURITY);
  XtFindTableLock(net, "raw");
  EXPECT_EQ(net->nf->hooks[NF_FAM_IPV4][NF_INET_PRE_ROUTING][0].priority, NF_IP_PRI_RAW);
  EXPECT_EQ(XtFindTableLock(net, "nosuch"), nullptr);
}

}  // namespace

namespace {

// The compiled table is one contiguous blob: builtin chains at their hook entries with the policy
// at the underflow, user chains headed by an ERROR entry and closed by RETURN, a final ERROR.
TEST_F(IptTest, BlobLayoutLikeTheKernel) {
  ASSERT_EQ(Restore("*filter\n:INPUT DROP [0:0]\n:U - [0:0]\n-A INPUT -j U\n-A U -s 1.2.3.4/32 -j ACCEPT\nCOMMIT\n"), 0)
      << err;
  XtTable* t = XtFindTableLock(net, "filter");
  const XtTableInfo* info = t->priv.get();
  std::vector<unsigned> offs;
  for (unsigned off = 0; off < info->size; off += info->at(off)->next_offset) offs.push_back(off);
  // INPUT: rule, policy; FORWARD: policy; OUTPUT: policy; U: ERROR head, rule, RETURN; ERROR
  ASSERT_EQ(offs.size(), 8u);
  EXPECT_EQ(info->number, 8u);
  EXPECT_EQ(info->hook_entry[NF_INET_LOCAL_IN], offs[0]);
  EXPECT_EQ(info->underflow[NF_INET_LOCAL_IN], offs[1]);
  EXPECT_EQ(info->hook_entry[NF_INET_FORWARD], offs[2]);
  EXPECT_EQ(info->underflow[NF_INET_FORWARD], offs[2]);
  EXPECT_EQ(info->underflow[NF_INET_LOCAL_OUT], offs[3]);
  EXPECT_EQ(info->at(offs[4])->target()->ext, &xt_error_target);
  EXPECT_STREQ(reinterpret_cast<const XtErrorInfo*>(info->at(offs[4])->target()->data())->errorname, "U");
  // the jump points at U's first rule; the rule's ipt_ip holds the masked source
  const auto* jump = reinterpret_cast<const XtStandardInfo*>(info->at(offs[0])->target()->data());
  EXPECT_EQ(static_cast<unsigned>(jump->verdict), offs[5]);
  EXPECT_EQ(info->at(offs[5])->ip.smsk, 0xffffffffu);
  const auto* ret = reinterpret_cast<const XtStandardInfo*>(info->at(offs[6])->target()->data());
  EXPECT_EQ(ret->verdict, XT_RETURN);
  const auto* pol = reinterpret_cast<const XtStandardInfo*>(info->at(offs[1])->target()->data());
  EXPECT_EQ(pol->verdict, -static_cast<int>(NF_DROP) - 1);
  EXPECT_EQ(info->at(offs[7])->target()->ext, &xt_error_target);
  // reachability marks (comefrom) and the jump stack sized by the ERROR entries
  EXPECT_EQ(info->at(offs[5])->comefrom, 1u << NF_INET_LOCAL_IN);
  EXPECT_EQ(info->stacksize, 2u);
  EXPECT_EQ(info->size % 8, 0u);
}

}  // namespace

// ipt_do_table charges KF_ipt_rule once per rule crossed (matched or not), so the CPU model's
// per-packet cost grows with the rules a packet walks, never with the rules loaded
TEST_F(IptTest, ChargesOneIptRulePerRuleCrossed) {
  ASSERT_EQ(Restore("*filter\n:INPUT ACCEPT [0:0]\n:A - [0:0]\n"
                    "-A INPUT -s 1.1.1.1 -j DROP\n-A INPUT -j A\n-A INPUT -s 10.0.0.1 -j ACCEPT\n-A INPUT -j DROP\n"
                    "-A A -s 2.2.2.2 -j DROP\nCOMMIT\n"),
            0)
      << err;
  SkbPtr s = Echo("10.0.0.1", "10.0.0.2");
  s->dev = net->DevGetByName("lo");
  ASSERT_NE(s->dev, nullptr);
  // count the calls through the trace hook
  static uint64_t calls[KF_COUNT];
  std::fill(std::begin(calls), std::end(calls), 0);
  net->host->SetTrace([](Host*, KFn f, const SkBuff*, uint32_t) { calls[f]++; });
  EXPECT_EQ(Hook(s.get()), NF_ACCEPT);
  net->host->SetTrace(nullptr);
  // INPUT 1, INPUT 2 (jump), A 1, A's RETURN (the chain's end), INPUT 3 (ACCEPT): 5 rules crossed
  EXPECT_EQ(calls[KF_ipt_rule], 5u);
  EXPECT_EQ(calls[KF_ipt_do_table], 1u);
}
