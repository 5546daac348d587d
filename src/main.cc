// The linuxnet runner: `linuxnet run [-x] [--trace] [--time-limit S] [SCRIPT]` runs a scenario
// script in virtual time and prints what the real tools would print.
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "calibrate/calibrate.h"
#include "ns3/simulator.h"
#include "scenario/script.h"
#include "world/world.h"

#ifndef LINUXNET_SOURCE_DIR
#define LINUXNET_SOURCE_DIR "."
#endif

static int Usage() {
  std::cerr << "usage: linuxnet run [-x] [--trace] [--time-limit SECONDS] [SCRIPT]\n"
               "       linuxnet fit KERNEL_CSV PATHS_DIR COSTS_OUT PATHS_CSV_OUT\n"
               "       linuxnet measure SCRIPT SIZE COSTS\n";
  return 2;
}

int main(int argc, char** argv) {
  if (argc >= 2 && !std::strcmp(argv[1], "fit")) return linuxnet::FitMain(argc, argv);
  if (argc >= 2 && !std::strcmp(argv[1], "measure")) return linuxnet::MeasureMain(argc, argv);
  if (argc < 2 || std::strcmp(argv[1], "run") != 0) return Usage();
  bool echo = false, trace = false;
  double limit_s = 0;  // 0: none
  std::string path;
  for (int i = 2; i < argc; i++) {
    if (!std::strcmp(argv[i], "-x")) echo = true;
    else if (!std::strcmp(argv[i], "--trace")) trace = true;
    else if (!std::strcmp(argv[i], "--time-limit") && i + 1 < argc) {
      char* end = nullptr;
      limit_s = std::strtod(argv[++i], &end);
      if (*end || !std::isfinite(limit_s) || limit_s <= 0 || limit_s > 9e9) return Usage();
    }
    else if (argv[i][0] == '-') return Usage();
    else path = argv[i];
  }
  if (path.empty()) path = std::string(LINUXNET_SOURCE_DIR) + "/scenarios/demo.sh";
  std::ifstream f(path);
  if (!f) {
    std::cerr << "linuxnet: cannot read " << path << "\n";
    return 2;
  }
  std::stringstream ss;
  ss << f.rdbuf();
  int failed;
  bool limit_reached = false;
  {
    linuxnet::World world;
    if (trace) world.SetTrace(&std::cout);
    if (limit_s > 0) world.SetTimeLimit(ns3::Seconds(limit_s));
    failed = linuxnet::RunScript(&world, ss.str(), echo, std::cout);
    if (world.TimeLimitReached()) {
      std::cout.flush();
      std::cerr << "linuxnet: the virtual time limit (" << limit_s << " s) was reached: what was still to happen after it did not run\n";
      limit_reached = true;
    }
  }
  ns3::Simulator::Destroy();
  if (limit_reached) return 3;
  return failed ? 1 : 0;
}
