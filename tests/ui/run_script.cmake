# Runs one UI script: a fresh data dir, a private X server of SIZE (xvfb-run -a picks a free
# display, so tests run in parallel), the process on a virtual clock. Screenshots the script takes
# land in the working directory (build/ui-screens/<SIZE>/). Fails when the kiosk exits non-zero.
# cmake -DKIOSK=... -DXVFB_RUN=... -DSCRIPT=... -DSIZE=WxH -DDATA_DIR=... [-DARGS="..."] [-DCLOCK=1] [-DMKDIR=name] -P run_script.cmake
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
separate_arguments(extra UNIX_COMMAND "${ARGS}")
execute_process(
  COMMAND "${XVFB_RUN}" -a -s "-screen 0 ${SIZE}x24" "${KIOSK}" --script "${SCRIPT}" --data-dir "${DATA_DIR}" ${extra}
  RESULT_VARIABLE rc)
if(NOT rc STREQUAL "0")
  message(FATAL_ERROR "kiosk --script ${SCRIPT} at ${SIZE} exited with ${rc}")
endif()
