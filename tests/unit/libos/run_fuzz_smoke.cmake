# A short libFuzzer run that must find nothing: fresh corpus from the seeds,
# a fixed run count so the time stays bounded.
file(REMOVE_RECURSE ${CORPUS})
file(MAKE_DIRECTORY ${CORPUS})
if(FUZZ_KIND STREQUAL "elf")
  foreach(seed IN LISTS SEEDS)
    get_filename_component(name ${seed} NAME)
    file(COPY_FILE ${seed} ${CORPUS}/${name})
  endforeach()
else()
  file(WRITE ${CORPUS}/a "debug=syscall,signal -- prog arg1 \"two words\"")
  file(WRITE ${CORPUS}/b "debug=bogus,all quiet console=ttyS0 -- \"a\\\"b\" --")
  file(WRITE ${CORPUS}/c "\"unterminated -- x")
endif()
execute_process(COMMAND ${FUZZER} -runs=20000 -max_len=65536
                        -max_total_time=60 ${CORPUS}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "fuzzer ${FUZZER} failed (status ${rc})")
endif()
