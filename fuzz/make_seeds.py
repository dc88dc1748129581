# Writes the seed corpus in fuzz/corpus/<target>/ (small valid and edge-case inputs, a few KB
# each). Run from the repository root: python3 fuzz/make_seeds.py
import os, json, zipfile, base64, io
root='fuzz/corpus'
def w(t,name,data):
    d=os.path.join(root,t); os.makedirs(d,exist_ok=True)
    if isinstance(data,str): data=data.encode()
    open(os.path.join(d,name),'wb').write(data)
bodies={
 'household':{"region_id":12,"address":"东关村一组1号","number":"13112410020100001","tags":["低保","残疾"],"lat":38.2,"lng":115.7,"members":[{"name":"王景云","sex":"男","birth_date":"1970-01-01","id_card":"11010519491231002X","phone":"13812345678","relation":"户主"}]},
 'resident':{"name":"单明","sex":"女","id_card":"11010519491231002x","phone":"0318-7212345","relation":"配偶","birth_date":"1949-12-31"},
 'matter':{"title":"路灯不亮","content":"东关村一组路灯坏了\n已经一周","category_id":3,"region_id":12,"caller_name":"王五","caller_phone":"13812345678","channel":"window","resident_id":9007199254740991},
 'sign_off':{"resolved":True,"satisfaction":5,"comment":"满意","code":"123456"},
 'visit':{"household_id":42,"note":"走访","visited_at":1780000000,"lat":38.1,"lng":115.2,"confirm_code":"8888"},
 'notice':{"title":"通知","body":"明天开会","region_ids":[1,2,3],"require_ack":True},
 'settings':{"households_per_member":10,"max_distance_m":800.5,"keep_pinned":True},
 'user':{"username":"assist_a","password":"correct horse battery","role":"assistant","scope_region_id":3,"display_name":"助理"},
 'edge_types':{"name":123,"region_id":"12","tags":"低保","lat":"x","members":[1,None,{}],"id":1.5e300,"page":-1},
}
for k,v in bodies.items(): w('json',k+'.json',json.dumps(v,ensure_ascii=False))
w('json','edge_escapes.json',r'{"name":"王\u0000五","address":"\u202e\ud83d\ude00\t\r\n","note":"\\\"quoted\\\"","bad":"\udc00"}')
w('json','empty_object.json','{}')
w('json','nested.json','{"a":'+'['*64+']'*64+'}')
w('json','not_object.json','[1,2,3]')
w('json','big_numbers.json','{"region_id":18446744073709551616,"lat":1e400,"id":-9223372036854775809}')
hdr='户编号,所属区域代码,地址,户标签,姓名,性别,出生日期,身份证号,联系电话,与户主关系\r\n'
w('csv','roster.csv','\ufeff'+hdr+'13112410020100001,13112410020101,东关村一组1号,低保、残疾,王景云,男,1970-01-01,11010519491231002X,13812345678,户主\r\n"H,2",13112410020102,"第一行\n第二行",,"他说""你好""",女,,,,\r\n')
w('csv','formula.csv',"姓名,地址\r\n'=HYPERLINK(\"x\"),'@SUM(A1)\r\n=1+1,+2\r\n-3,''=x\r\n")
w('csv','gb18030.csv',b'\xd0\xd5\xc3\xfb\r\n\xcd\xf5\xce\xe5\r\n')
w('csv','ragged.csv','a,b,c\n1\n1,2,3,4,5\n\n\n"open,"\n')
w('csv','unclosed.csv','a,b\n"x,1\n')
w('csv','lf_only.csv','a\nb\nc')
ct='<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
wb='<workbook xmlns:r="urn:r"><sheets><sheet name="S" sheetId="1" r:id="rId7"/></sheets></workbook>'
rels='<Relationships><Relationship Id="rId7" Target="worksheets/data.xml"/></Relationships>'
sst='<sst><si><t>姓名</t></si><si><r><t>王</t></r><r><t>五</t></r><rPh><t>ワン</t></rPh></si><si><t>出生日期</t></si></sst>'
styles='<styleSheet><numFmts><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="14"/></cellXfs></styleSheet>'
sheet=('<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>2</v></c></row>'
 '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3"><v>13812345678</v></c><c r="C3" s="2"><v>29221</v></c>'
 '<c r="E3" t="inlineStr"><is><t>备注</t></is></c><c t="b"><v>1</v></c><c r="Z3" s="1"><v>45000.5</v></c></row>'
 '<row><c t="str"><f>A1</f><v>=HYPERLINK("x")</v></c></row></sheetData></worksheet>')
def xlsx(name, members, comp):
    b=io.BytesIO()
    with zipfile.ZipFile(b,'w',comp) as z:
        for n,d in members: z.writestr(n,d)
    w('xlsx',name,b.getvalue())
m=[('[Content_Types].xml',ct),('xl/workbook.xml',wb),('xl/_rels/workbook.xml.rels',rels),('xl/sharedStrings.xml',sst),('xl/styles.xml',styles),('xl/worksheets/data.xml',sheet)]
xlsx('excel_like_stored.xlsx',m,zipfile.ZIP_STORED)
xlsx('excel_like_deflated.xlsx',m,zipfile.ZIP_DEFLATED)
xlsx('sheet_only.xlsx',[('xl/worksheets/sheet1.xml','<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="XFD1" t="inlineStr"><is><t>far</t></is></c></row><row r="1048576"><c r="B1048576"><v>1</v></c></row></sheetData></worksheet>')],zipfile.ZIP_STORED)
xlsx('bad_refs.xlsx',[('xl/workbook.xml','<workbook><sheets><sheet r:id="rId1"/></sheets></workbook>'),('xl/_rels/workbook.xml.rels','<Relationships><Relationship Id="rId1" Target=""/></Relationships>'),('xl/worksheets/sheet1.xml','<worksheet><sheetData><c>1</c><row r="0"/><row r="2"><c r="a1"><v>1</v></c><c t="s"><v>99</v></c></row></sheetData></worksheet>')],zipfile.ZIP_STORED)
w('xlsx','not_zip.xlsx','PK\x03\x04 not a zip')
for i,q in enumerate(['王景云','wjy','Wang JY','1381234','11010519491231002x','停车 噪音','路灯"不亮"','%_\\','　全角　空格','𠀀𪚥 emoji😀','a"b OR c NEAR(d)','x']):
    w('search',f'q{i}.txt',q)
for i,q in enumerate(['11010519491231002X','11010519491231002x','110105194912310021','11010519490230002X','1101051949123100','11010519491231002XX','A1010519491231002X','110105000001010000','110105999912310000']):
    w('id_card',f'id{i}.txt',q)
for i,q in enumerate([base64.b64encode('花名册'.encode()).decode(),'aGVsbG8','aGVsbG8=\n','data:image/png;base64,iVBORw0KGgo=','====','a b\tc\r\nd','!!!!','QQ==QQ==']):
    w('base64',f'b{i}.txt',q)
