# Warnings for the project's own targets. Qt and system headers come in as SYSTEM includes.
function(bgplens_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
    -Wimplicit-fallthrough -Wcast-align -Wformat=2)
  if(BGPLENS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
