# net.core's receive knobs (net_core_table) exist in the initial namespace only; writes of the
# current values and a refused one leave the machine as it was
sysctl net.core.netdev_max_backlog net.core.netdev_budget net.core.netdev_budget_usecs
sysctl -w net.core.netdev_budget=300
sysctl -w net.core.netdev_budget_usecs=-1
sysctl net.core.netdev_budget_usecs
ip netns add t
ip netns exec t sysctl net.core.netdev_max_backlog
ip netns exec t sysctl net.core.netdev_budget
ip netns exec t sysctl -w net.core.netdev_budget=600
