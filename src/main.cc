// The linuxnet runner: `linuxnet run [-x] [--trace] [SCRIPT]` runs a scenario script in virtual
// time and prints what the real tools would print.
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
  std::cerr << "usage: linuxnet run [-x] [--trace] [SCRIPT]\n"
               "       linuxnet fit KERNEL_CSV PATHS_DIR COSTS_OUT PATHS_CSV_OUT\n"
               "       linuxnet measure SCRIPT SIZE COSTS\n";
  return 2;
}

int main(int argc, char** argv) {
  if (argc >= 2 && !std::strcmp(argv[1], "fit")) return linuxnet::FitMain(argc, argv);
  if (argc >= 2 && !std::strcmp(argv[1], "measure")) return linuxnet::MeasureMain(argc, argv);
  if (argc < 2 || std::strcmp(argv[1], "run") != 0) return Usage();
  bool echo = false, trace = false;
  std::string path;
  for (int i = 2; i < argc; i++) {
    if (!std::strcmp(argv[i], "-x")) echo = true;
    else if (!std::strcmp(argv[i], "--trace")) trace = true;
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
  {
    linuxnet::World world;
    if (trace) world.SetTrace(&std::cout);
    failed = linuxnet::RunScript(&world, ss.str(), echo, std::cout);
  }
  ns3::Simulator::Destroy();
  return failed ? 1 : 0;
}
