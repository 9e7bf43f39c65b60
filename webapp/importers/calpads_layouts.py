"""CALPADS upload (CFS) field lists, in file order, as in `../shared/formats/CALPADS.md` section A.

Numbering follows the 2019-20 Data Guide: field n of file f is "f.nn". Legacy SDIS has no
known CFS numbering, so its fields are named by position only.
"""
from __future__ import annotations

STUDENT_HEADER = [
    "Record Type Code", "Transaction Type Code", "Local Record ID", "Reporting LEA", "School of Attendance",
    "Academic Year ID", "SSID", "Local Student ID", "Student Legal First Name", "Student Legal Last Name",
    "Student Birth Date", "Student Gender Code",
]
COURSE_STUDENT_HEADER = STUDENT_HEADER[:4] + ["School of Course Delivery"] + STUDENT_HEADER[5:]
SELA_HEADER = STUDENT_HEADER[:7] + STUDENT_HEADER[8:] + ["Local Student ID"]
STAFF_HEADER = [
    "Record Type Code", "Transaction Type Code", "Local Record ID", "Reporting LEA", "School of Assignment",
    "Academic Year ID", "SEID", "Local Staff ID", "Staff Legal First Name", "Staff Legal Last Name",
    "Staff Birth Date", "Staff Gender Code",
]

SENR = [
    "Record Type Code", "Transaction Type Code", "Local Record ID", "Reporting LEA", "School of Attendance",
    "School of Attendance NPS", "Academic Year ID", "SSID", "Local Student ID", "Student Legal First Name",
    "Student Legal Middle Name", "Student Legal Last Name", "Student Legal Name Suffix", "Student Alias First Name",
    "Student Alias Middle Name", "Student Alias Last Name", "Student Birth Date", "Student Gender Code",
    "Student Birth City", "Student Birth State Province Code", "Student Birth Country Code",
    "Enrollment Start Date", "Enrollment Status Code", "Grade Level Code", "Enrollment Exit Date",
    "Student Exit Reason Code", "Student School Completion Status", "Expected Receiver School of Attendance",
    "Student Met All UC and/or CSU Requirements Indicator", "Student School Transfer Code",
    "District of Geographic Residence Code", "Student Golden State Seal Merit Diploma Indicator",
    "Student Seal of Biliteracy Indicator", "Postsecondary/Transition Status Indicator",
    "Workforce Readiness Certificate Program Completion Indicator",
    "Food Handler Certification Program Completion Indicator",
    "Pre-Apprenticeship Certification Program Completion Indicator",
    "Pre-Apprenticeship Program (non-certified) Completion Indicator",
    "State or Federal Job Program Completion Indicator",
]

SINF = [
    "Record Type Code", "Transaction Type Code", "Local Record ID", "Effective Start Date", "Effective End Date",
    "Reporting LEA", "School of Attendance", "Academic Year ID", "SSID", "Local Student ID",
    "Student Legal First Name", "Student Legal Middle Name", "Student Legal Last Name", "Student Legal Name Suffix",
    "Student Alias First Name", "Student Alias Middle Name", "Student Alias Last Name", "Student Birth Date",
    "Student Gender Code", "Student Birth City", "Student Birth State Province Code", "Student Birth Country Code",
    "Hispanic Ethnicity Indicator", "Student Ethnicity Missing Indicator",
    "Student Race 1 Code", "Student Race 2 Code", "Student Race 3 Code", "Student Race 4 Code", "Student Race 5 Code",
    "Student Race Missing Indicator", "Residential Address Line 1", "Residential Address Line 2",
    "Residential Address City", "Residential Address State/Province Code", "Residential Address Zip Code",
    "Student Initial U.S. School Enrollment Date K-12",
    "Enrolled in U.S. School less than Three Cumulative Years Indicator",
    "Parent Guardian Highest Education Level Code", "Guardian 1 First Name", "Guardian 1 Last Name",
    "Guardian 2 First Name", "Guardian 2 Last Name",
    # 2.43-2.50: later vendor files only
    "Preferred First Name", "Preferred Last Name", "Mailing Address Line 1", "Mailing Address Line 2",
    "Mailing Address City", "Mailing Address State", "Mailing Address Zip Code",
    "Parent/Guardian 2 Highest Education Level Code",
]

SPRG = STUDENT_HEADER + [
    "Education Program Code", "Education Program Membership Code", "Education Program Membership Start Date",
    "Education Program Membership End Date", "Education Service Academic Year", "Education Service Code",
    "California Partnership Academy ID", "Migrant Student ID", "Filler", "Filler", "Homeless Dwelling Type Code",
    "Unaccompanied Youth Indicator", "Runaway Youth Indicator", "Filler",
]

SELA = SELA_HEADER + [
    "English Language Acquisition Status Code", "English Language Acquisition Status Start Date",
    "Primary Language Code", "Correction Reason Code",
]

STAS = STUDENT_HEADER + [
    "Student Absence Summary Data Collection Exemption Indicator", "Hourly Attendance School Type Indicator",
    "Expected Attendance Days", "Days Attended", "Days Absent Out-of-School Suspension",
    "Days in Attendance In-School Suspension", "Days Absent Excused Non-Suspension",
    "Days Absent Unexcused Non-Suspension", "Incomplete (Non-ADA-Generating) Independent Study Days",
    "ADA-Generating Independent Study Days", "Period-by-Period Attendance Method Indicator",
]

CRSC = [
    "Record Type Code", "Transaction Type Code", "Local Record ID", "Reporting LEA", "School of Course Delivery",
    "Academic Year ID", "CRS-State Course Code", "CRS-Local Course ID", "CRS-Course Name", "Filler", "Filler",
    "CRS-CTE Postsecondary Articulated Course Indicator", "CRS-UC CSU Approved Indicator", "Course Section ID",
    "Academic Term Code", "SEID", "Local Staff ID", "Class ID", "Course Section Instructional Level Code",
    "Education Service Code", "Language of Instruction Code", "Instructional Strategy Code",
    "Independent Study Indicator", "Distance Learning Indicator", "Multiple Teacher Code",
    "Education Program Funding Source Code", "CTE Course Section Provider Code",
    "Course Content Area Subcategory Code", "CRS-Departmentalized Course Standards Grade Level Range Code",
    "CRS-Content Standards Alignment Code", "Charter Non-Core Non-College Prep Course Indicator",
    "AP/IB Course Code Cross Reference", "Online Course Instruction Type Code", "Middle School Core Course Indicator",
    "Local Assignment Option Code", "High Quality CTE Course Indicator",
]

SCSC = COURSE_STUDENT_HEADER + [
    "CRS-Local Course ID", "Course Section ID", "Academic Term Code", "Student Credits Attempted",
    "Student Credits Earned", "Student Course Final Grade", "UC/CSU Admission Requirement Code", "Marking Period Code",
]

SINC = STUDENT_HEADER + [
    "Incident ID Local", "Incident Occurrence Date", "Statutory Offense Indicator",
    "Student Instructional Support Indicator", "Removal to Interim Alternative Setting Reason Code",
]
SIRS = STUDENT_HEADER + [
    "Incident ID Local", "Incident Result Code", "Incident Result Authority Code", "Incident Result Duration Days",
    "Incident Result Modification Code",
]
SOFF = STUDENT_HEADER + ["Incident ID Local", "Student Offense Code", "Weapon Category Code"]
SDIS = STUDENT_HEADER + [
    "Disciplinary Incident ID Local", "Incident Occurrence Date", "Student Offense Code",
    "Incident Most Severe Offense Code", "Weapon Category Code", "Incident Disciplinary Action Taken Code",
    "Disciplinary Action Authority Code", "Disciplinary Action Duration Days",
    "Student Instructional Support Indicator", "Expulsion Modification Category Code",
    "Removal to Interim Alternative Setting Reason Code",
]

SDEM = [
    "Record Type Code", "Transaction Type Code", "Local Record ID", "Effective Start Date", "Effective End Date",
    "Reporting LEA", "Academic Year ID", "SEID", "Local Staff ID", "Staff Legal First Name",
    "Staff Legal Middle Name", "Staff Legal Last Name", "Staff Alias First Name", "Staff Alias Middle Name",
    "Staff Alias Last Name", "Staff Birth Date", "Staff Gender Code", "Staff Hispanic Ethnicity Indicator",
    "Staff Ethnicity Missing Indicator", "Staff Race 1 Code", "Staff Race 2 Code", "Staff Race 3 Code",
    "Staff Race 4 Code", "Staff Race 5 Code", "Staff Race Missing Indicator", "Staff Highest Degree Code",
    "Staff Employment Status Code", "Staff Employment Start Date", "Staff Employment End Date",
    "Staff Service Years LEA", "Staff Service Years Total",
]
SASS = STAFF_HEADER + [
    "Staff Job Classification Code", "Staff Job Classification FTE Percentage",
    *[f"Non-Classroom Based Job Assignment Code {n}" for n in range(1, 8)],
]
