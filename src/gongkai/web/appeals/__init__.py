"""The 行政复议 / 行政诉讼 register: cases against an agency's disclosure work, and table 四 from them."""
