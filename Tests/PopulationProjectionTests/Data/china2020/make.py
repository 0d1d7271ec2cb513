"""China 2020 from the UN's estimates (shared/data/wpp-china), as a scenario: python3 make.py OUT_DIR [WPP_DIR].

Population: WPP 2022, 1 July 2020, both sexes by 5-year group, split by sex with each cohort's sex ratio at
birth (1.06 before 1981, 1.07 for 1981-1990, 1.12 for 1991-2000, 1.16 for 2001-2015, 1.12 from 2016) times
the survivorship ratio L^M_x / L^F_x of WPP 2024's 2020-2025 death rates. Fertility: WPP 2022 ASFR by year
(2020, 2021, 2025, ..., 2040). Mortality: WPP 2024 death rates by 5-year group for 2020-2025 (as 2022) and
2025-2030 (as 2027), improving 1% a year after. Sex ratio at birth: WPP 2024 by period (mid-years).
"""
import csv, math, sys
S = sys.argv[2] if len(sys.argv) > 2 else '../../../../../shared/data/wpp-china/'
out=sys.argv[1]
pop=[r for r in csv.DictReader(open(S+'population_both_sexes_5yr.csv')) if r['year']=='2020']
asfr=[r for r in csv.DictReader(open(S+'asfr_5yr.csv'))]
mx=[r for r in csv.DictReader(open(S+'mortality_mx_5yr.csv'))]
def lower(a): return 100 if a=='100+' else int(a)
ages=sorted({lower(r['age']) for r in mx})
def mxs(period,sex):
    d={lower(r['age']):float(r['mx']) for r in mx if r['period']==period and r['sex']==sex}
    o=[0]*101
    for i,lo in enumerate(ages):
        hi=ages[i+1]-1 if i+1<len(ages) else 100
        for a in range(lo,hi+1): o[a]=d[lo]
    return o
def Lx(m,male):
    a0=(0.045+2.684*m[0]) if male else (0.053+2.8*m[0])
    l=1; L=[]
    for x in range(100):
        ax=a0 if x==0 else 0.5
        q=m[x]/(1+(1-ax)*m[x]); d=l*q; L.append(l-d+ax*d); l-=d
    L.append(l/m[100]); return L
LM=Lx(mxs('2020-2025','M'),True); LF=Lx(mxs('2020-2025','F'),False)
def s(age):
    b=2020-age
    if b>=2016: return 1.12
    if b>=2001: return 1.16
    if b>=1991: return 1.12
    if b>=1981: return 1.07
    return 1.06
rows=[]
for r in pop:
    g=r['age_group']; n=float(r['population_thousands'])*1000
    lo,hi=(int(g[:-1]),100) if g.endswith('+') else tuple(map(int,g.split('-')))
    mf=sum(s(a)*LM[a]/LF[a]/(1+s(a)*LM[a]/LF[a]) for a in range(lo,hi+1))/(hi-lo+1)
    rows.append(['CN','M',g,round(n*mf)]); rows.append(['CN','F',g,round(n*(1-mf))])
w=csv.writer(open(out+'/population.csv','w'),lineterminator='\n'); w.writerow(['area','sex','age','population']); w.writerows(rows)
open(out+'/districts.csv','w').write('id,name,kind\nCN,China,county_seat\n')
w=csv.writer(open(out+'/fertility.csv','w'),lineterminator='\n'); w.writerow(['year','age','asfr'])
for r in asfr:
    if r['age_group'] in ('10-14','50-54') or r['year']=='2015': continue
    w.writerow([r['year'],r['age_group'],r['asfr']])
w=csv.writer(open(out+'/mortality.csv','w'),lineterminator='\n'); w.writerow(['year','sex','age','mx'])
for r in mx:
    y={'2020-2025':2022,'2025-2030':2027}[r['period']]
    lo=lower(r['age']); i=ages.index(lo); hi=ages[i+1]-1 if i+1<len(ages) else None
    lab=f"{lo}+" if hi is None else (str(lo) if hi==lo else f"{lo}-{hi}")
    w.writerow([y,r['sex'],lab,r['mx']])
open(out+'/scenario.yaml','w').write("""name: China (UN WPP)
base_year: 2020
horizon: 2040
sex_ratio_at_birth: {2017: 1.138, 2022: 1.105, 2027: 1.086, 2032: 1.071}
tables:
  districts: districts.csv
  population: population.csv
  fertility: fertility.csv
  mortality: mortality.csv
mortality:
  improvement: 0.01
migration:
  net_rate: {CN: -0.00022}   # about the UN's net emigration from China (-0.3 million a year)
""")
