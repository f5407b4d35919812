"""The annual report (政府信息公开工作年度报告, 条例第四十九条、第五十条) produced from the records."""
