# coreutils sleep and timeout refuse what is not a time interval (NaN, a negative, garbage) with
# quote()'s quotes in a UTF-8 locale; `sleep -1` is getopt's invalid option; `--` ends the options
sleep nan
sleep 1e300x
sleep ''
sleep -1
sleep --foo
sleep
sleep -- 0.5
sleep 0.1 0.2s
timeout nan true
timeout 1x true
timeout inf true
timeout 1e300 true
