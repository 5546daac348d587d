// Unit tests of the iptables user tools against outputs recorded from iptables 1.8.9 (legacy) on a
// real kernel: listings (-L, -L -n -v, -S), iptables-save, error messages and exit statuses.
#include <gtest/gtest.h>

#include "cli/cmd.h"
#include "ns3/simulator.h"
#include "scenario/script.h"
#include "net/core/net_namespace.h"
#include "world/world.h"

using namespace linuxnet;

namespace {

class IptCliTest : public ::testing::Test {
 protected:
  void SetUp() override { net = w.CreateNetNs("x").operator->(); }
  void TearDown() override { ns3::Simulator::Destroy(); }
  // runs a command line split on spaces (no quoting needed in these tests)
  int Run(const std::string& line, const std::string& in = "") {
    std::vector<std::string> argv;
    size_t p = 0;
    while (p < line.size()) {
      size_t q = line.find(' ', p);
      if (q == std::string::npos) q = line.size();
      if (q > p) argv.push_back(line.substr(p, q - p));
      p = q + 1;
    }
    CmdCtx ctx;
    ctx.user = w.userland();
    ctx.net = net;
    ctx.in = in;
    int rc = FindCommand(argv[0])(ctx, argv);
    out = ctx.out;
    err = ctx.err;
    return rc;
  }
  World w;
  NetNs* net = nullptr;
  std::string out, err;
};

TEST_F(IptCliTest, EmptyListing) {
  ASSERT_EQ(Run("iptables -L"), 0);
  EXPECT_EQ(out,
            "Chain INPUT (policy ACCEPT)\ntarget     prot opt source               destination         \n\n"
            "Chain FORWARD (policy ACCEPT)\ntarget     prot opt source               destination         \n\n"
            "Chain OUTPUT (policy ACCEPT)\ntarget     prot opt source               destination         \n");
  ASSERT_EQ(Run("iptables -S"), 0);
  EXPECT_EQ(out, "-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n");
}

TEST_F(IptCliTest, ListingsOfMatchesAndTargets) {
  ASSERT_EQ(Run("iptables -N FOO"), 0);
  ASSERT_EQ(Run("iptables -A INPUT -s 1.2.3.4 -j FOO"), 0);
  ASSERT_EQ(Run("iptables -A INPUT ! -s 1.2.3.0/24 -d 5.6.7.8/255.255.0.0 -i eth+ -p tcp --dport 22 -j ACCEPT"), 0);
  ASSERT_EQ(Run("iptables -A INPUT -p udp --sport 53:60 ! --dport 1000 -j DROP"), 0);
  ASSERT_EQ(Run("iptables -A INPUT -p tcp ! --syn -j DROP"), 0);
  ASSERT_EQ(Run("iptables -A INPUT -p icmp --icmp-type 3/4 -j DROP"), 0);
  ASSERT_EQ(Run("iptables -A FORWARD -o veth0 ! -i lo -g FOO"), 0);
  ASSERT_EQ(Run("iptables -A FOO -m mark --mark 0x5/0xff -j LOG --log-level 4"), 0);
  ASSERT_EQ(Run("iptables -A FOO -p udp -m multiport ! --sports 53 -j REJECT --reject-with icmp-host-prohibited"), 0);
  ASSERT_EQ(Run("iptables -A FOO -m limit --limit 3/min --limit-burst 7 -j ACCEPT"), 0);
  ASSERT_EQ(Run("iptables -A FOO -m state --state ESTABLISHED,RELATED -j ACCEPT"), 0);
  ASSERT_EQ(Run("iptables -L"), 0);
  EXPECT_EQ(out,
            "Chain INPUT (policy ACCEPT)\n"
            "target     prot opt source               destination         \n"
            "FOO        all  --  1.2.3.4              anywhere            \n"
            "ACCEPT     tcp  -- !1.2.3.0/24           5.6.0.0/16           tcp dpt:ssh\n"
            "DROP       udp  --  anywhere             anywhere             udp spts:domain:60 dpt:!1000\n"
            "DROP       tcp  --  anywhere             anywhere             tcp flags:!FIN,SYN,RST,ACK/SYN\n"
            "DROP       icmp --  anywhere             anywhere             icmp fragmentation-needed\n"
            "\n"
            "Chain FORWARD (policy ACCEPT)\n"
            "target     prot opt source               destination         \n"
            "FOO        all  --  anywhere             anywhere            [goto] \n"
            "\n"
            "Chain OUTPUT (policy ACCEPT)\n"
            "target     prot opt source               destination         \n"
            "\n"
            "Chain FOO (2 references)\n"
            "target     prot opt source               destination         \n"
            "LOG        all  --  anywhere             anywhere             mark match 0x5/0xff LOG level warn\n"
            "REJECT     udp  --  anywhere             anywhere             multiport sports  !domain reject-with "
            "icmp-host-prohibited\n"
            "ACCEPT     all  --  anywhere             anywhere             limit: avg 3/min burst 7\n"
            "ACCEPT     all  --  anywhere             anywhere             state RELATED,ESTABLISHED\n");
  ASSERT_EQ(Run("iptables -L INPUT -n -v --line-numbers"), 0);
  EXPECT_EQ(out,
            "Chain INPUT (policy ACCEPT 0 packets, 0 bytes)\n"
            "num   pkts bytes target     prot opt in     out     source               destination         \n"
            "1        0     0 FOO        0    --  *      *       1.2.3.4              0.0.0.0/0           \n"
            "2        0     0 ACCEPT     6    --  eth+   *      !1.2.3.0/24           5.6.0.0/16           tcp dpt:22\n"
            "3        0     0 DROP       17   --  *      *       0.0.0.0/0            0.0.0.0/0            udp spts:53:60 "
            "dpt:!1000\n"
            "4        0     0 DROP       6    --  *      *       0.0.0.0/0            0.0.0.0/0            tcp "
            "flags:!0x17/0x02\n"
            "5        0     0 DROP       1    --  *      *       0.0.0.0/0            0.0.0.0/0            icmptype 3 "
            "code 4\n");
  ASSERT_EQ(Run("iptables -S"), 0);
  EXPECT_EQ(out,
            "-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n-N FOO\n"
            "-A INPUT -s 1.2.3.4/32 -j FOO\n"
            "-A INPUT ! -s 1.2.3.0/24 -d 5.6.0.0/16 -i eth+ -p tcp -m tcp --dport 22 -j ACCEPT\n"
            "-A INPUT -p udp -m udp --sport 53:60 ! --dport 1000 -j DROP\n"
            "-A INPUT -p tcp -m tcp ! --tcp-flags FIN,SYN,RST,ACK SYN -j DROP\n"
            "-A INPUT -p icmp -m icmp --icmp-type 3/4 -j DROP\n"
            "-A FORWARD ! -i lo -o veth0 -g FOO\n"
            "-A FOO -m mark --mark 0x5/0xff -j LOG\n"
            "-A FOO -p udp -m multiport ! --sports 53 -j REJECT --reject-with icmp-host-prohibited\n"
            "-A FOO -m limit --limit 3/min --limit-burst 7 -j ACCEPT\n"
            "-A FOO -m state --state RELATED,ESTABLISHED -j ACCEPT\n");
}

TEST_F(IptCliTest, ErrorsAndStatuses) {
  struct Case {
    const char* cmd;
    int rc;
    const char* err;
  } cases[] = {
      {"iptables -A NOSUCH -j ACCEPT", 1, "iptables: No chain/target/match by that name.\n"},
      {"iptables -A INPUT -j NOSUCH", 2,
       "iptables v1.8.9 (legacy): Couldn't load target `NOSUCH':No such file or directory\n\n"
       "Try `iptables -h' or 'iptables --help' for more information.\n"},
      {"iptables -X INPUT", 1, "iptables: Invalid argument. Run `dmesg' for more information.\n"},
      {"iptables -D INPUT 5", 1, "iptables: Index of deletion too big.\n"},
      {"iptables -D INPUT -s 1.1.1.1 -j ACCEPT", 1, "iptables: Bad rule (does a matching rule exist in that chain?).\n"},
      {"iptables -P INPUT REJECT", 1, "iptables: Bad policy name. Run `dmesg' for more information.\n"},
      {"iptables -I INPUT 3 -j ACCEPT", 1, "iptables: Index of insertion too big.\n"},
      {"iptables -A INPUT --dport 22 -j ACCEPT", 2,
       "iptables v1.8.9 (legacy): unknown option \"--dport\"\nTry `iptables -h' or 'iptables --help' for more "
       "information.\n"},
      {"iptables -t nosuch -L", 3,
       "iptables v1.8.9 (legacy): can't initialize iptables table `nosuch': Table does not exist (do you need to "
       "insmod?)\nPerhaps iptables or your kernel needs to be upgraded.\n"},
      {"iptables -A INPUT -o veth0 -j DROP", 2,
       "iptables v1.8.9 (legacy): Can't use -o with INPUT\n\nTry `iptables -h' or 'iptables --help' for more "
       "information.\n"},
      {"iptables -A INPUT -j REJECT --reject-with tcp-reset", 1,
       "iptables: Invalid argument. Run `dmesg' for more information.\n"},
      {"iptables -N ACCEPT", 2,
       "iptables v1.8.9 (legacy): chain name may not clash with target name\nTry `iptables -h' or 'iptables --help' "
       "for more information.\n"},
      {"iptables", 2,
       "iptables v1.8.9 (legacy): no command specified\nTry `iptables -h' or 'iptables --help' for more "
       "information.\n"},
      {"iptables -A INPUT -s 1.1.1.1 -s 2.2.2.2 -j ACCEPT", 2,
       "iptables v1.8.9 (legacy): multiple -s flags not allowed\nTry `iptables -h' or 'iptables --help' for more "
       "information.\n"},
      {"iptables -t mangle -A INPUT -j REJECT", 1, "iptables: Invalid argument. Run `dmesg' for more information.\n"},
  };
  for (auto& c : cases) {
    EXPECT_EQ(Run(c.cmd), c.rc) << c.cmd;
    EXPECT_EQ(err, c.err) << c.cmd;
  }
  ASSERT_EQ(Run("dmesg"), 0);
  EXPECT_NE(out.find("ipt_REJECT: TCP_RESET invalid for non-tcp"), std::string::npos);
  EXPECT_NE(out.find("x_tables: ip_tables: REJECT target: only valid in filter table, not mangle"), std::string::npos);
}

TEST_F(IptCliTest, ChainReferencesBlockDeletion) {
  ASSERT_EQ(Run("iptables -N FOO"), 0);
  ASSERT_EQ(Run("iptables -N BAR"), 0);
  ASSERT_EQ(Run("iptables -A FOO -j BAR"), 0);
  EXPECT_EQ(Run("iptables -X BAR"), 1);
  EXPECT_EQ(err, "iptables: Too many links.\n");
  ASSERT_EQ(Run("iptables -A BAR -j ACCEPT"), 0);
  ASSERT_EQ(Run("iptables -F FOO"), 0);
  EXPECT_EQ(Run("iptables -X BAR"), 1);
  EXPECT_EQ(err, "iptables: Directory not empty.\n");
  EXPECT_EQ(Run("iptables -E FOO INPUT"), 1);
  EXPECT_EQ(err, "iptables: File exists.\n");
  ASSERT_EQ(Run("iptables -E FOO BAZ"), 0);
  EXPECT_EQ(Run("iptables -A BAZ -j BAZ"), 0);  // a loop no hook reaches is accepted
  ASSERT_EQ(Run("iptables -D BAZ -j BAZ"), 0);
  ASSERT_EQ(Run("iptables -A INPUT -j BAZ"), 0);
  ASSERT_EQ(Run("iptables -A BAZ -j BAZ"), 1);
  EXPECT_EQ(err, "iptables: Too many levels of symbolic links.\n");
}

TEST_F(IptCliTest, SaveListsTablesNewestFirst) {
  ASSERT_EQ(Run("iptables -A INPUT -j ACCEPT"), 0);
  ASSERT_EQ(Run("iptables -t raw -A PREROUTING -j NOTRACK"), 0);
  ASSERT_EQ(Run("iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE"), 0);
  ASSERT_EQ(Run("iptables-save"), 0);
  std::string s;
  size_t p = 0;
  while (p < out.size()) {
    size_t q = out.find('\n', p);
    std::string l = out.substr(p, q - p + 1);
    if (l.rfind("# ", 0) != 0) s += l;
    else EXPECT_TRUE(l.rfind("# Generated by iptables-save v1.8.9 on ", 0) == 0 || l.rfind("# Completed on ", 0) == 0);
    p = q + 1;
  }
  EXPECT_EQ(s,
            "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
            "-A POSTROUTING -o eth0 -j MASQUERADE\nCOMMIT\n"
            "*raw\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A PREROUTING -j NOTRACK\nCOMMIT\n"
            "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\n");
  ASSERT_EQ(Run("iptables -t raw -L -n"), 0);
  EXPECT_NE(out.find("CT         0    --  0.0.0.0/0            0.0.0.0/0            NOTRACK\n"), std::string::npos);
}

}  // namespace

// iptables-save's header and footer read the simulated machine's clock (the epoch plus virtual
// time, UTC), not the host's: the same run prints the same bytes on any day
TEST(IptSaveClock, GeneratedOnIsVirtualTime) {
  linuxnet::World w;
  std::ostringstream os;
  linuxnet::RunScript(&w, "iptables -A INPUT -j ACCEPT\nsleep 3661\niptables-save\n", false, os);
  ns3::Simulator::Destroy();
  EXPECT_NE(os.str().find("# Generated by iptables-save v1.8.9 on Thu Jan  1 01:01:01 1970\n"), std::string::npos)
      << os.str();
  EXPECT_NE(os.str().find("# Completed on Thu Jan  1 01:01:01 1970\n"), std::string::npos) << os.str();
}
