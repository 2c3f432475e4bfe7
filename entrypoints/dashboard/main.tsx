import React from 'react';
import ReactDOM from 'react-dom/client';
import { DashboardApp } from '@/components/dashboard/DashboardApp';

ReactDOM.createRoot(document.getElementById('root')!).render(
  <React.StrictMode>
    <DashboardApp />
  </React.StrictMode>,
);
