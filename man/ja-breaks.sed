# Give groff a break point (\:) after each Japanese comma, full stop and closing bracket.
s/\([、。）」)]\)/\1\\:/g
