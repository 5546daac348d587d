// dmesg: the namespace's kernel log (the printk lines netfilter writes: x_tables check errors, LOG)
#include "cli/cmd.h"
#include "net/netfilter/x_tables.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

static int DmesgMain(CmdCtx& ctx, const std::vector<std::string>& argv) {
  XtNet* xn = XtKernelLog(ctx.net);  // the kernel log is global
  bool clear = false;
  for (size_t i = 1; i < argv.size(); i++)
    if (argv[i] == "-c" || argv[i] == "-C" || argv[i] == "--clear" || argv[i] == "--read-clear") clear = true;
  if (!(argv.size() > 1 && argv[1] == "-C"))
    for (auto& l : xn->klog) ctx.Out(l + "\n");
  if (clear) xn->klog.clear();
  return 0;
}

// in an anonymous namespace: registrar types of different files must not share a name
namespace {
const struct Registrar {
  Registrar() { RegisterCommand("dmesg", &DmesgMain); }
} registrar;
}  // namespace

}  // namespace linuxnet
