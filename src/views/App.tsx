export function App() {
  return <main><h1>Raft Election Lab</h1></main>;
}
