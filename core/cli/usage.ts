/** `t2 -h` (core.md §1.1): T2's usage text, for the options this implementation knows. */
export const USAGE = `Tranalyzer 0.9.3 (Anteater), Cobra - High performance flow based network traffic analyzer

Usage:
    tranalyzer [OPTION...] <INPUT>

Input arguments:
    -r file     Read packets from pcap file 'file' or from stdin if 'file' is '-'
    -R file     Process every pcap file listed in 'file'
    -D expr[:schr][,stop]
                Process files in order of a numbered sequence (not supported yet)
    -i iface    Listen on interface 'iface' (not supported yet)

Output arguments:
    -w prefix   Append 'prefix' to any output file produced
    -W prefix[:size][,start]
                Like -w, but fragment flow files (not supported yet)
    -l          Print end report in 'prefix'_log.txt instead of stdout
    -m          Print monitoring output in 'prefix'_monitoring.txt instead of stdout
    -s          Packet forensics mode (not supported yet)

Optional arguments:
    -p dir      Load plugins from path 'dir' instead of ~/.tranalyzer/plugins
    -b file     Use plugin list 'file' instead of 'dir'/plugins.txt
    -e file     Create a pcap file of the flows listed in 'file' (pcapd plugin)
    -f factor   Set hash multiplication factor
    -x id       Sensor ID
    -c cpu      Bind tranalyzer to one core
    -P prio     Set tranalyzer priority
    -M sec      Monitoring interval in seconds
    -F file     Read BPF filter from 'file'

Help and documentation arguments:
    -V          Show the version of the program and exit
    -h          Show help options and exit

Remaining arguments:
    BPF filter expression (not supported yet)
`;
