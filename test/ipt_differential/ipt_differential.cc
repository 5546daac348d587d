// Randomized differential test of ipt_do_table: from a seed, generate filter rule sets (user
// chains, jumps, gotos, RETURN, policies, addresses with masks, -i/-o with wildcards, protocols,
// ICMP types, tcp/udp ports, ttl/length/addrtype/pkttype/iprange/multiport/comment matches,
// ACCEPT/DROP/REJECT/LOG) and ICMP packets (ping with a source address, TTL and size, in both
// directions and over loopback). Each rule set is one scenario script: it loads the rules with
// iptables-restore into namespace b, sends the packets and prints `iptables-save -c`. The script
// runs on the real kernel (tools/real-run) and in the simulator (linuxnet run -x); the normalized
// transcripts — what each ping saw (verdicts: reply, lost, ICMP error) and every rule's and
// policy's counters — must be equal.
//
//   ipt_differential [--count N] [--seed S] [--jobs J] [--report FILE]
//
// Needs root and the legacy iptables tools; otherwise it says it is skipped and exits 77.
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

const char* kSim = std::getenv("LINUXNET_BIN") ? std::getenv("LINUXNET_BIN") : LINUXNET_BIN;  // override: a copy
const char* kRealRun = LINUXNET_SOURCE_DIR "/tools/real-run";
const char* kNormalize = LINUXNET_SOURCE_DIR "/tools/normalize";

struct Gen {
  std::mt19937 rng;
  explicit Gen(uint32_t seed) : rng(seed) {}
  unsigned U(unsigned n) { return std::uniform_int_distribution<unsigned>(0, n - 1)(rng); }
  bool P(unsigned pct) { return U(100) < pct; }
  template <class T>
  const T& Pick(const std::vector<T>& v) { return v[U(static_cast<unsigned>(v.size()))]; }
};

struct RuleSet {
  std::string script;
  unsigned rules = 0, packets = 0;
};

// " [!] -s ADDR": the inversion goes before the option (iptables 1.8 refuses "-s ! ADDR")
std::string AddrOpt(Gen& g, const char* opt) {
  static const std::vector<std::string> a = {"10.0.0.1", "10.0.0.3", "10.0.0.2", "10.0.0.4", "10.0.0.0/24",
                                             "10.0.0.0/30", "10.0.0.2/31", "127.0.0.0/8", "10.0.0.0/255.255.255.252",
                                             "10.0.0.4/255.255.255.254", "0.0.0.0/0", "10.0.0.1/32"};
  return std::string(g.P(20) ? " !" : "") + " " + opt + " " + g.Pick(a);
}

std::string Rule(Gen& g, const std::string& chain, unsigned idx, unsigned nuser) {
  std::string r = "-A " + chain;
  if (g.P(30)) r += AddrOpt(g, "-s");
  if (g.P(30)) r += AddrOpt(g, "-d");
  static const std::vector<std::string> ifs = {"vb", "lo", "v+", "va", "l+", "vbx"};
  bool in_ok = chain != "OUTPUT", out_ok = chain != "INPUT";
  if (in_ok && g.P(20)) r += std::string(g.P(25) ? " !" : "") + " -i " + g.Pick(ifs);
  if (out_ok && g.P(20)) r += std::string(g.P(25) ? " !" : "") + " -o " + g.Pick(ifs);
  unsigned proto = g.U(10);
  bool tcp = false;
  if (proto < 4) {
    r += " -p icmp";
    if (g.P(60)) {
      static const std::vector<std::string> t = {"echo-request", "echo-reply", "8/0", "0", "destination-unreachable",
                                                 "any", "3/3", "port-unreachable", "host-prohibited", "8/1"};
      r += std::string(g.P(25) ? " !" : "") + " --icmp-type " + g.Pick(t);
    }
  } else if (proto == 4) {
    r += " -p tcp";
    tcp = true;
    if (g.P(50)) r += std::string(g.P(25) ? " !" : "") + " --dport " + g.Pick(std::vector<std::string>{"22", "1:1000", "80"});
    if (g.P(30)) r += " --syn";
  } else if (proto == 5) {
    r += " -p udp";
    if (g.P(50)) r += std::string(g.P(25) ? " !" : "") + " --sport " + g.Pick(std::vector<std::string>{"53", "1024:"});
  } else if (proto == 6) {
    r += g.P(50) ? " ! -p icmp" : " ! -p tcp";
  } else if (proto == 7) {
    r += " -p all";
  }
  if (tcp && g.P(30)) r += " -m multiport --dports 22,80:90";
  if (g.P(15)) {
    static const std::vector<std::string> m = {"--ttl-eq", "--ttl-lt", "--ttl-gt"};
    std::string o = g.Pick(m);
    r += " -m ttl" + std::string(o == "--ttl-eq" && g.P(30) ? " !" : "") + " " + o + " " +
         g.Pick(std::vector<std::string>{"1", "5", "63", "64", "65", "254"});
  }
  if (g.P(15))
    r += " -m length" + std::string(g.P(20) ? " !" : "") + " --length " +
         g.Pick(std::vector<std::string>{"84", "0:100", "100:", "28:84", "85:1100", "1028"});
  if (g.P(8))
    r += " -m addrtype" + std::string(g.P(50) ? " --src-type " : " --dst-type ") +
         g.Pick(std::vector<std::string>{"LOCAL", "UNICAST", "BROADCAST", "LOCAL,UNICAST"});
  if (g.P(6)) r += " -m pkttype" + std::string(g.P(30) ? " !" : "") + " --pkt-type " + g.Pick(std::vector<std::string>{"unicast", "host", "broadcast"});
  if (g.P(6))
    r += " -m iprange" + std::string(g.P(30) ? " !" : "") + (g.P(50) ? " --src-range " : " --dst-range ") +
         g.Pick(std::vector<std::string>{"10.0.0.1-10.0.0.2", "10.0.0.3-10.0.0.9", "127.0.0.1-127.0.0.1"});
  if (g.P(5)) r += " -m comment --comment \"rule " + std::to_string(idx) + "\"";
  if (g.P(4)) r += " ! -f";
  // target
  unsigned t = g.U(100);
  // user chains are U0..U(n-1); Ui may only call Uj with j > i (no loops)
  int first_callable = chain[0] == 'U' ? std::atoi(chain.c_str() + 1) + 1 : 0;
  bool can_call = first_callable < static_cast<int>(nuser);
  auto callee = [&] { return "U" + std::to_string(first_callable + static_cast<int>(g.U(nuser - first_callable))); };
  if (t < 16) r += " -j ACCEPT";
  else if (t < 32) r += " -j DROP";
  else if (t < 42) r += " -j RETURN";
  else if (t < 62 && can_call) r += " -j " + callee();
  else if (t < 72 && can_call) r += " -g " + callee();
  else if (t < 80)
    r += " -j REJECT" + (g.P(50) ? std::string() : " --reject-with " + g.Pick(std::vector<std::string>{"icmp-port-unreachable", "icmp-host-prohibited", "icmp-net-unreachable", "icmp-admin-prohibited"}));
  else if (t < 84) r += " -j LOG --log-prefix \"r" + std::to_string(idx) + " \"";
  return r;
}

RuleSet Generate(uint32_t seed) {
  Gen g(seed);
  RuleSet rs;
  std::ostringstream s;
  s << "# ipt_differential rule set, seed " << seed << "\n"
    << "ip netns add a\nip netns add b\n"
    << "ip link add va netns a type veth peer name vb netns b\n"
    << "ip -n a addr add 10.0.0.1/24 dev va\nip -n a addr add 10.0.0.3/24 dev va\n"
    << "ip -n b addr add 10.0.0.2/24 dev vb\nip -n b addr add 10.0.0.4/24 dev vb\n"
    << "ip -n a link set va up\nip -n b link set vb up\nip -n b link set lo up\n";
  unsigned nuser = g.U(4);
  s << "ip netns exec b iptables-restore <<EOF\n*filter\n";
  s << ":INPUT " << (g.P(30) ? "DROP" : "ACCEPT") << " [0:0]\n:FORWARD ACCEPT [0:0]\n";
  s << ":OUTPUT " << (g.P(20) ? "DROP" : "ACCEPT") << " [0:0]\n";
  for (unsigned u = 0; u < nuser; u++) s << ":U" << u << " - [0:0]\n";
  std::vector<std::string> chains = {"INPUT", "OUTPUT"};
  for (unsigned u = 0; u < nuser; u++) chains.push_back("U" + std::to_string(u));
  unsigned idx = 0;
  for (auto& c : chains) {
    unsigned n = g.U(c[0] == 'U' ? 5 : 7);
    for (unsigned k = 0; k < n; k++) {
      s << Rule(g, c, idx++, nuser) << "\n";
      rs.rules++;
    }
  }
  s << "COMMIT\nEOF\n";
  unsigned npk = 3 + g.U(4);
  for (unsigned k = 0; k < npk; k++) {
    std::string opt;
    if (g.P(30)) opt += " -t " + g.Pick(std::vector<std::string>{"1", "5", "63", "64", "65", "255"});
    if (g.P(30)) opt += " -s " + g.Pick(std::vector<std::string>{"0", "56", "100", "1000"});
    unsigned dir = g.U(10);
    if (dir < 6) {
      if (g.P(40)) opt += " -I " + g.Pick(std::vector<std::string>{"10.0.0.1", "10.0.0.3"});
      s << "ip netns exec a ping -c 1 -W 0.3" << opt << " " << g.Pick(std::vector<std::string>{"10.0.0.2", "10.0.0.4"}) << "\n";
    } else if (dir < 9) {
      if (g.P(40)) opt += " -I " + g.Pick(std::vector<std::string>{"10.0.0.2", "10.0.0.4"});
      s << "ip netns exec b ping -c 1 -W 0.3" << opt << " " << g.Pick(std::vector<std::string>{"10.0.0.1", "10.0.0.3"}) << "\n";
    } else {
      s << "ip netns exec b ping -c 1 -W 0.3" << opt << " " << g.Pick(std::vector<std::string>{"10.0.0.2", "127.0.0.1"}) << "\n";
    }
    rs.packets++;
  }
  s << "ip netns exec b iptables-save -c\n";
  rs.script = s.str();
  return rs;
}

std::string RunCapture(const std::string& cmd) {
  std::string out;
  FILE* f = popen(cmd.c_str(), "r");
  if (!f) return "popen failed\n";
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  pclose(f);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  unsigned count = 20, jobs = 8;
  uint32_t seed = 1;
  std::string report;
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--count") count = static_cast<unsigned>(std::stoul(next()));
    else if (a == "--seed") seed = static_cast<uint32_t>(std::stoul(next()));
    else if (a == "--jobs") jobs = static_cast<unsigned>(std::stoul(next()));
    else if (a == "--report") report = next();
    else {
      std::cerr << "usage: ipt_differential [--count N] [--seed S] [--jobs J] [--report FILE]\n";
      return 2;
    }
  }
  if (geteuid() != 0 || std::system("command -v iptables-legacy >/dev/null 2>&1 && command -v unshare >/dev/null 2>&1") != 0) {
    std::cout << "ipt_differential: skipped (needs root and iptables-legacy to run the real kernel side)\n";
    return 77;
  }
  // a machine (or container) may refuse mount or network namespaces even to root: probe the way
  // tools/real-run uses them before trusting its transcripts
  const char* probe =
      "unshare -m --propagation private sh -c 'mkdir -p /run/netns && mount -t tmpfs netns /run/netns && "
      "ip netns add ipt_probe && ip netns exec ipt_probe ip link add pa type veth peer name pb && "
      "ip netns exec ipt_probe iptables-legacy -L -n && command -v ping && command -v nft' >/dev/null 2>&1";
  if (std::system(probe) != 0) {
    std::cout << "ipt_differential: skipped (this machine does not let root create network namespaces with veth "
                 "and legacy iptables, or ping/nft are missing)\n";
    return 77;
  }
  char tmpl[] = "/tmp/ipt_differential.XXXXXX";
  if (!mkdtemp(tmpl)) return 2;
  const std::string dir = tmpl;
  std::atomic<unsigned> next{0};
  std::mutex mu;
  unsigned mismatches = 0, packets = 0, rules = 0, not_loaded = 0, replies = 0, errors = 0, lost = 0, rules_hit = 0;
  std::ostringstream details;
  auto worker = [&] {
    for (unsigned i; (i = next++) < count;) {
      uint32_t s = seed * 1000003u + i;
      RuleSet rs = Generate(s);
      std::string f = dir + "/rs" + std::to_string(i) + ".sh";
      std::ofstream(f) << rs.script;
      std::string real = RunCapture(std::string(kRealRun) + " " + f + " 2>&1 | " + kNormalize + " " + f);
      std::string sim = RunCapture("ASAN_OPTIONS=detect_leaks=0 " + std::string(kSim) + " run -x " + f + " 2>&1 | " + kNormalize + " " + f);
      std::lock_guard<std::mutex> l(mu);
      size_t rp = real.find("iptables-restore <<EOF");
      size_t nl = rp == std::string::npos ? rp : real.find("\n+ ", rp);
      if (nl != std::string::npos && real.compare(nl, 4, "\n+ ") == 0 && real.rfind("! exit", nl) > rp &&
          real.rfind("! exit", nl) != std::string::npos)
        not_loaded++;
      packets += rs.packets;
      // what the packets met, from the real transcript: replies, ICMP errors, silent losses, and
      // the rules whose counters moved
      for (size_t p = 0; (p = real.find('\n', p)) != std::string::npos; p++) {
        std::string line = real.substr(p + 1, real.find('\n', p + 1) - p - 1);
        if (line.find(" bytes from ") != std::string::npos) replies++;
        else if (line.compare(0, 5, "From ") == 0) errors++;
        else if (line.find(" 0 received, 100% packet loss") != std::string::npos && line.find("errors") == std::string::npos) lost++;
        else if (line.size() > 3 && line[0] == '[' && line.compare(0, 3, "[0:") != 0) rules_hit++;
      }
      rules += rs.rules;
      if (real != sim) {
        mismatches++;
        std::ofstream(f + ".real") << real;
        std::ofstream(f + ".sim") << sim;
        details << "=== MISMATCH rule set " << i << " (seed " << s << ")\n" << rs.script << "--- diff real sim\n"
                << RunCapture("diff " + f + ".real " + f + ".sim") << "\n";
      } else {
        std::remove(f.c_str());
      }
    }
  };
  std::vector<std::thread> th;
  for (unsigned j = 0; j < std::max(1u, jobs); j++) th.emplace_back(worker);
  for (auto& t : th) t.join();
  std::ostringstream sum;
  sum << "ipt_differential: seed " << seed << ", " << count << " rule sets, " << rules << " rules, " << packets
      << " packets (pings, each crossing the INPUT/OUTPUT chains of both ends), " << mismatches << " mismatches; "
      << not_loaded << " rule sets the real iptables-restore refused (a generator bug if not 0)\n"
      << "  on the real kernel: " << replies << " echo replies, " << errors << " ICMP errors (REJECT), " << lost
      << " pings lost (DROP); " << rules_hit << " rules with nonzero counters\n";
  std::cout << sum.str() << details.str();
  if (!report.empty()) {
    std::ofstream r(report);
    r << sum.str() << "Example rule set (the first, seed " << seed * 1000003u << "):\n" << Generate(seed * 1000003u).script
      << details.str();
  }
  if (!mismatches) std::system(("rm -rf " + dir).c_str());
  return mismatches || not_loaded ? 1 : 0;
}
