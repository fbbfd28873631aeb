# Runs one UI script: a fresh data dir, a private X server of SIZE (xvfb-run -a picks a free
# display, so tests run in parallel), the process on a virtual clock. Screenshots the script takes
# land in the working directory (build/ui-screens/<SIZE>/). Fails when the kiosk exits non-zero.
# cmake -DKIOSK=... -DXVFB_RUN=... -DSCRIPT=... -DSIZE=WxH -DDATA_DIR=... [-DARGS="..."] [-DCLOCK=1] [-DMKDIR=name] [-DSET_PIN=tool] -P run_script.cmake
foreach(v KIOSK XVFB_RUN SCRIPT SIZE DATA_DIR)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "run_script.cmake: -D${v}=... is required")
  endif()
endforeach()
file(REMOVE_RECURSE "${DATA_DIR}")
get_filename_component(script_name "${SCRIPT}" NAME_WE)
file(REMOVE "${script_name}-failed.png")  # the screenshot a failing run leaves behind
file(MAKE_DIRECTORY "${DATA_DIR}")
if(DEFINED MKDIR AND NOT MKDIR STREQUAL "")
  file(MAKE_DIRECTORY "${DATA_DIR}/${MKDIR}")  # a prepared fault, e.g. kiosk.db as a directory
endif()
if(NOT DEFINED CLOCK OR CLOCK STREQUAL "")
  set(CLOCK 1)
endif()
set(ENV{KIOSK_VIRTUAL_CLOCK} "${CLOCK}")
unset(ENV{XDG_CONFIG_HOME})
set(ENV{HOME} "${DATA_DIR}")  # no default kiosk.toml from the developer's home
# Staff scripts prepare the data dir from their own header lines:
#   "# set-pin: DIGITS"  stores a staff PIN hash with the ui_set_pin tool (-DSET_PIN=...);
#   "# before: ARGS"     runs the kiosk headless on the data dir first (@DIR@ = the script's
#                        directory), e.g. --submit signup --answers @DIR@/data/x.json --program ID;
#   "# last-good: DIR"   copies the bundle in DIR (@DIR@ as above) into the data dir as the last
#                        good copy of the department's content (content-last-good).
get_filename_component(script_dir "${SCRIPT}" DIRECTORY)
file(STRINGS "${SCRIPT}" prep REGEX "^# (set-pin|before|last-good):")
foreach(line IN LISTS prep)
  if(line MATCHES "^# set-pin:[ ]*([0-9]+)[ ]*$")
    if(NOT DEFINED SET_PIN)
      message(FATAL_ERROR "run_script.cmake: # set-pin: needs -DSET_PIN=<ui_set_pin tool>")
    endif()
    execute_process(COMMAND "${SET_PIN}" "${DATA_DIR}" "${CMAKE_MATCH_1}" RESULT_VARIABLE prc)
    if(NOT prc STREQUAL "0")
      message(FATAL_ERROR "ui_set_pin failed (${prc})")
    endif()
  elseif(line MATCHES "^# last-good:(.*)$")
    string(STRIP "${CMAKE_MATCH_1}" src)
    string(REPLACE "@DIR@" "${script_dir}" src "${src}")
    file(GLOB bundle "${src}/*.json")
    if(NOT bundle)
      message(FATAL_ERROR "run_script.cmake: # last-good: no *.json in ${src}")
    endif()
    file(COPY ${bundle} DESTINATION "${DATA_DIR}/content-last-good")
    if(IS_DIRECTORY "${src}/pictures")  # the pictures the JSON names (issue 17)
      file(COPY "${src}/pictures" DESTINATION "${DATA_DIR}/content-last-good")
    endif()
  elseif(line MATCHES "^# before:(.*)$")
    string(STRIP "${CMAKE_MATCH_1}" pre)
    string(REPLACE "@DIR@" "${script_dir}" pre "${pre}")
    separate_arguments(pre_args UNIX_COMMAND "${pre}")
    execute_process(COMMAND "${KIOSK}" --data-dir "${DATA_DIR}" ${pre_args} RESULT_VARIABLE prc OUTPUT_QUIET)
    if(NOT prc STREQUAL "0")
      message(FATAL_ERROR "kiosk ${pre} exited with ${prc}")
    endif()
  endif()
endforeach()
separate_arguments(extra UNIX_COMMAND "${ARGS}")
execute_process(
  COMMAND "${XVFB_RUN}" -a -s "-screen 0 ${SIZE}x24" "${KIOSK}" --script "${SCRIPT}" --data-dir "${DATA_DIR}" --screenshots . ${extra}
  RESULT_VARIABLE rc)
if(NOT rc STREQUAL "0")
  message(FATAL_ERROR "kiosk --script ${SCRIPT} at ${SIZE} exited with ${rc}")
endif()
