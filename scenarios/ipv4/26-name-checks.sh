# iproute2 checks a device name before the kernel sees it (check_ifname for `name`, shorter than
# 16; check_altifname for `dev`, where the kernel's attribute policy refuses 16 or more); a
# namespace name must be its own basename. Nothing is created by a refused command. The kernel's
# dev_valid_name refuses what its own isspace() calls a space, which iproute2's does not: a tab
# inside the name and Latin-1's no-break space 0xa0, the second byte of a UTF-8 'à'.
ip netns add ''
ip netns add a/b
ip netns del ''
ip netns exec a/b true
ip netns add t
ip -n t link add '' type veth peer name p7
ip -n t link add 'a b' type veth peer name p8
ip -n t link add a/b type veth peer name p10
ip -n t link add 0123456789abcdef type veth peer name p9
ip -n t link add p1 type veth peer name 0123456789abcdef
ip -n t link add name 'x y' type veth
ip -n t link add p2 type veth peer name a/b
ip -n t link add 0123456789abcde type veth peer name q
ip -n t link set q name 'x y'
ip -n t link add 'à' type veth peer name p11
ip -n t link add p12 type veth peer name $'a\tb'
ip -n t link add 'é' type veth peer name p13
ip -n t link show
ip netns list
