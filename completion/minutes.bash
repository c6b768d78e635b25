# bash completion for minutes(1): commands, each command's options, and session (.xml),
# FO (.fo), text (.txt) or PDF file names where they belong.  Installed as
# share/bash-completion/completions/minutes; tests/staff/cli-docs.sh checks it against
# `minutes --help` and each `minutes COMMAND --help`.  Needs nothing from bash-completion.

_minutes_files ()
{
  # $1: a glob such as '*.xml'; offer matching files and every folder.
  local IFS=$'\n'
  COMPREPLY+=( $(compgen -f -X "!$1" -- "$cur") $(compgen -d -- "$cur") )
}

_minutes ()
{
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local commands="validate render fo build new watch import"
  COMPREPLY=()
  compopt -o filenames 2>/dev/null

  # The command: the first word after `minutes` and its global options.
  local i cmd=
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      --data-dir) ((i++)) ;;
      -*) ;;
      *) cmd=${COMP_WORDS[i]}; break ;;
    esac
  done

  if [[ -z $cmd ]]; then
    case $prev in
      --data-dir) COMPREPLY=( $(compgen -d -- "$cur") ); return ;;
    esac
    if [[ $cur == -* ]]; then
      COMPREPLY=( $(compgen -W "--data-dir --version --help" -- "$cur") )
    else
      COMPREPLY=( $(compgen -W "$commands" -- "$cur") )
    fi
    return
  fi

  local opts=
  case $cmd in
    new)      opts="--council --help"
              [[ $prev == --council ]] && return ;;
    validate) opts="-v --verbose -h --help" ;;
    build)    opts="-o --output -j --jobs --check --shard --merge --param --strict --help"
              case $prev in
                -o|--output) COMPREPLY=( $(compgen -d -- "$cur") ); return ;;
                --shard) return ;;
                --param) COMPREPLY=( $(compgen -W "paper= base-font-size= body-font-family= heading-font-family= header-text= margin-top=" -- "$cur") )
                         compopt -o nospace 2>/dev/null; return ;;
              esac ;;
    fo)       opts="-o --output --param --stylesheet --source-lines --help"
              case $prev in
                -o|--output) _minutes_files '*.fo'; return ;;
                --stylesheet) _minutes_files '*.xsl'; return ;;
                --param) COMPREPLY=( $(compgen -W "paper= base-font-size= body-font-family= heading-font-family= header-text= margin-top=" -- "$cur") )
                         compopt -o nospace 2>/dev/null; return ;;
              esac ;;
    watch)    opts="-o --output --param --strict --help"
              case $prev in
                -o|--output) COMPREPLY=( $(compgen -d -- "$cur") ); return ;;
                --param) COMPREPLY=( $(compgen -W "paper= base-font-size= body-font-family= heading-font-family= header-text= margin-top=" -- "$cur") )
                         compopt -o nospace 2>/dev/null; return ;;
              esac ;;
    render)   opts="-o --output --strict --dump-layout --help"
              case $prev in
                -o|--output) _minutes_files '*.pdf'; return ;;
                --dump-layout) _minutes_files '*'; return ;;
              esac ;;
    import)   opts="-o --output --encoding --help"
              case $prev in
                -o|--output) _minutes_files '*.xml'; return ;;
                --encoding) COMPREPLY=( $(compgen -W "UTF-8 SHIFT_JIS CP932 EUC-JP" -- "$cur") ); return ;;
              esac ;;
    *) return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
    return
  fi
  case $cmd in
    render) _minutes_files '*.fo' ;;
    import) _minutes_files '*.txt' ;;
    *)      _minutes_files '*.xml' ;;
  esac
}

complete -F _minutes minutes
