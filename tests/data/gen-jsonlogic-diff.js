// Generates random JsonLogic cases with their results from the reference implementation
// json-logic-js (npm), for tests/data/jsonlogic-diff.json:
//   npm install json-logic-js@2.0.5 && node gen-jsonlogic-diff.js SEED COUNT > jsonlogic-diff.json
// Rules whose result would be JS `undefined` (empty "and"/"or") are left out: JSON has no
// undefined (see core/tr_logic.h).
const jl=require("json-logic-js");
let seed=Number(process.argv[2]||987); const R=()=>{seed=(seed*1103515245+12345)%2147483648; return seed/2147483648;};
const pick=a=>a[Math.floor(R()*a.length)];
const lits=[0,1,-1,2,3.5,0.1,1e21,1e-7,123456.789,-0.5,"blåbær","😀a","-3","0x1f","Infinity",[[1,2],3],{"x":[]},"","0","1","a","abc"," 2 ","1e3",null,true,false,[],[1],[1,2],["a"],{"x":1,"y":2}];
const ops=["==","===","!=","!==","!","!!","or","and",">",">=","<","<=","max","min","+","-","*","/","%","in","cat","substr","merge","if","?:","var","missing","missing_some","map","filter","reduce","all","none","some"];
const vars=["a","b","c","a.b","arr","arr.0","s","n",""];
function gen(d){
  if(d<=0||R()<0.3){ if(R()<0.3) return {"var":pick(vars)}; return pick(lits); }
  const op=pick(ops); const n=Math.floor(R()*4);
  if(op==="var") return {"var":[pick(vars), gen(d-1)]};
  if(op==="missing") return {"missing":[pick(vars),pick(vars)]};
  if(op==="missing_some") return {"missing_some":[Math.floor(R()*3),[pick(vars),pick(vars)]]};
  if(["map","filter","all","none","some"].includes(op)) return {[op]:[pick([{"var":"arr"},[1,2,3],["a",""],[],5]), gen(d-1)]};
  if(op==="reduce") return {"reduce":[pick([{"var":"arr"},[1,2,3],[]]), {"+":[{"var":"current"},{"var":"accumulator"}]}, gen(d-1)]};
  const args=[]; for(let i=0;i<n;i++) args.push(gen(d-1));
  return {[op]: R()<0.2 && args.length===1 ? args[0] : args};
}
const data={"a":{"b":5},"b":"7","c":null,"arr":[1,"2",0],"s":"hello","n":0};
const out=[];
const N=Number(process.argv[3]||20000);
for(let i=0;out.length<N;i++){ const r=gen(3); const t=JSON.stringify(r); if (t.includes('"and":[]')||t.includes('"or":[]')) continue; let v; try{ v=jl.apply(r,data);}catch(e){continue;}
  if (v===undefined) continue;
  const s=JSON.stringify(v); if (s===undefined) continue;
  out.push([r,data,JSON.parse(s)]); }
process.stdout.write("[\n" + out.map(c => JSON.stringify(c)).join(",\n") + "\n]\n");

