# Checks that the static `ehcp` defines every pthread function libxml2 tests (through weak
# references) to decide whether the program has threads. With one missing, libxml2 keeps a
# single error state for all threads, and a caseload lint with broken files crashed now and
# then, or reported a finding from another file. Run as
#   cmake -DBINARY=build/ehcp -DNM=nm -P check_static_threads.cmake
execute_process(COMMAND ${NM} ${BINARY} OUTPUT_VARIABLE symbols RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "nm could not read ${BINARY}")
endif()
set(missing "")
foreach(symbol pthread_once pthread_getspecific pthread_setspecific pthread_key_create
               pthread_key_delete pthread_mutex_init pthread_mutex_destroy pthread_mutex_lock
               pthread_mutex_unlock pthread_cond_init pthread_cond_destroy pthread_cond_wait
               pthread_equal pthread_self pthread_cond_signal)
  # Defined: a text symbol, strong (T) or weak (W); a null weak reference shows as "w".
  if(NOT symbols MATCHES "\n[0-9a-f]+ [TW] ${symbol}\n")
    list(APPEND missing ${symbol})
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "the static ehcp lacks ${missing}: libxml2 would run as if single-threaded")
endif()
message(STATUS "all 15 pthread functions libxml2 looks for are linked in")
